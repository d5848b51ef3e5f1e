using Npgsql;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>Which LSOA of <c>places.areas</c> holds a point (EPSG:27700 metres).</summary>
public static class AreaContextReader
{
    /// <summary>
    /// The LSOA containing each point (the lowest code when a point lies on a shared edge), or null
    /// where no LSOA is loaded there.
    /// </summary>
    public static async Task<AreaContext?[]> LsoaAtAsync(NpgsqlDataSource dataSource, double[] x, double[] y, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        await using var cmd = dataSource.CreateCommand("""
            SELECT p.i, a.code, a.name, a.name_cy, a.population, a.ruc, a.wimd_rank
            FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(x, y, i)
            CROSS JOIN LATERAL (
                SELECT a.* FROM places.areas a
                WHERE a.kind = 'lsoa' AND ST_Intersects(a.geom, ST_SetSRID(ST_MakePoint(p.x, p.y), 27700))
                ORDER BY a.code LIMIT 1
            ) a
            """);
        cmd.Parameters.AddWithValue(x);
        cmd.Parameters.AddWithValue(y);
        var result = new AreaContext?[x.Length];
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetInt64(0) - 1] = new AreaContext(
                reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt32(6));
        }

        return result;
    }
}
