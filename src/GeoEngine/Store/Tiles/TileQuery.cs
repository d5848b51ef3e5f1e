using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoEngine.Store.Tiles;

/// <summary>
/// One tile layer's SQL, built once from constant identifiers (<see cref="TileSql"/>), run with
/// z, x, y (and the simplification tolerance) bound as parameters: <c>$1</c>=z, <c>$2</c>=x, <c>$3</c>=y,
/// <c>$4</c>=tolerance in EPSG:3857 metres. Answers the Mapbox Vector Tile bytes from <c>ST_AsMVT</c>;
/// an empty array means the tile has no features.
/// </summary>
/// <remarks>
/// A layer that can be filtered by month carries <see cref="ByMonth"/>: the same layer whose statement also takes
/// <c>$5</c> (first day of the first month, inclusive) and <c>$6</c> (first day of the month after the last,
/// exclusive) as <c>date</c> parameters; see <see cref="TileMonthRange"/>. $4 is always bound for it.
/// </remarks>
public sealed class TileQuery
{
    internal TileQuery(string layerName, string sql, bool usesTolerance, TileQuery? byMonth = null)
    {
        LayerName = layerName;
        Sql = sql;
        UsesTolerance = usesTolerance;
        ByMonth = byMonth;
    }

    /// <summary>The layer name written inside the tile (the MVT layer a client styles).</summary>
    public string LayerName { get; }

    /// <summary>The statement, for inspection (EXPLAIN in tests, the bare-query benchmark).</summary>
    public string Sql { get; }

    /// <summary>True when the statement takes <c>$4</c>, the simplification tolerance.</summary>
    public bool UsesTolerance { get; }

    /// <summary>The same layer filtered to a month range (<c>$5</c>, <c>$6</c>), or null when the layer has no months.</summary>
    public TileQuery? ByMonth { get; }

    /// <summary>This query with <paramref name="byMonth"/> as its month-filtered form (built from constants only).</summary>
    internal TileQuery WithByMonth(TileQuery byMonth) => new(LayerName, Sql, UsesTolerance, byMonth);

    /// <summary>Runs the query for one tile. Prepared per pooled connection.</summary>
    public Task<byte[]> ReadAsync(NpgsqlDataSource dataSource, TileAddress tile, CancellationToken ct) => ReadAsync(dataSource, tile, null, ct);

    /// <summary>
    /// Runs the query for one tile; with a <paramref name="months"/> range, runs <see cref="ByMonth"/> with the range
    /// bound as <c>$5</c>/<c>$6</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A range was given for a layer without <see cref="ByMonth"/>.</exception>
    public async Task<byte[]> ReadAsync(NpgsqlDataSource dataSource, TileAddress tile, TileMonthRange? months, CancellationToken ct)
    {
        if (months is { } range)
        {
            var ranged = ByMonth ?? throw new InvalidOperationException($"Layer '{LayerName}' has no month filter.");
            return await ranged.RunAsync(dataSource, tile, range, ct);
        }

        return await RunAsync(dataSource, tile, null, ct);
    }

    private async Task<byte[]> RunAsync(NpgsqlDataSource dataSource, TileAddress tile, TileMonthRange? months, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(Sql, conn);
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tile.Z, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tile.X, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tile.Y, NpgsqlDbType = NpgsqlDbType.Integer });
        if (UsesTolerance || months is not null)
        {
            cmd.Parameters.Add(new NpgsqlParameter<double> { TypedValue = tile.UnitMetres, NpgsqlDbType = NpgsqlDbType.Double });
        }

        if (months is { } range)
        {
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = range.First, NpgsqlDbType = NpgsqlDbType.Date });
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = range.EndExclusive, NpgsqlDbType = NpgsqlDbType.Date });
        }

        await cmd.PrepareAsync(ct);
        return await cmd.ExecuteScalarAsync(ct) as byte[] ?? [];
    }
}
