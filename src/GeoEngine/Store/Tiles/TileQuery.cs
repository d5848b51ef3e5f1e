using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoEngine.Store.Tiles;

/// <summary>
/// One tile layer's SQL, built once from constant identifiers (<see cref="TileSql"/>), run with
/// z, x, y (and the simplification tolerance) bound as parameters: <c>$1</c>=z, <c>$2</c>=x, <c>$3</c>=y,
/// <c>$4</c>=tolerance in EPSG:3857 metres. Answers the Mapbox Vector Tile bytes from <c>ST_AsMVT</c>;
/// an empty array means the tile has no features.
/// </summary>
public sealed class TileQuery
{
    internal TileQuery(string layerName, string sql, bool usesTolerance)
    {
        LayerName = layerName;
        Sql = sql;
        UsesTolerance = usesTolerance;
    }

    /// <summary>The layer name written inside the tile (the MVT layer a client styles).</summary>
    public string LayerName { get; }

    /// <summary>The statement, for inspection (EXPLAIN in tests, the bare-query benchmark).</summary>
    public string Sql { get; }

    /// <summary>True when the statement takes <c>$4</c>, the simplification tolerance.</summary>
    public bool UsesTolerance { get; }

    /// <summary>Runs the query for one tile. Prepared per pooled connection.</summary>
    public async Task<byte[]> ReadAsync(NpgsqlDataSource dataSource, TileAddress tile, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(Sql, conn);
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tile.Z, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tile.X, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tile.Y, NpgsqlDbType = NpgsqlDbType.Integer });
        if (UsesTolerance)
        {
            cmd.Parameters.Add(new NpgsqlParameter<double> { TypedValue = tile.UnitMetres, NpgsqlDbType = NpgsqlDbType.Double });
        }

        await cmd.PrepareAsync(ct);
        return await cmd.ExecuteScalarAsync(ct) as byte[] ?? [];
    }
}
