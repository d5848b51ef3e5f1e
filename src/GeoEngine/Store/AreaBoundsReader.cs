using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// Bounding boxes of <c>places.areas</c> (LSOA or hex) in WGS84 degrees, for a map to zoom to an area of a
/// ranked list. The box is the extent of the area's geometry transformed from EPSG:27700 (an area stored as a
/// point gives a box of zero size).
/// </summary>
public static class AreaBoundsReader
{
    /// <returns>Area code → [min lon, min lat, max lon, max lat], rounded to 6 decimals (about 0.1 m); codes not found are absent.</returns>
    public static async Task<IReadOnlyDictionary<string, double[]>> ReadAsync(
        NpgsqlDataSource dataSource, string kind, IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(codes);
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        if (codes.Count == 0)
        {
            return result;
        }

        await using var cmd = dataSource.CreateCommand("""
            SELECT a.code, ST_XMin(b.g), ST_YMin(b.g), ST_XMax(b.g), ST_YMax(b.g)
            FROM places.areas a CROSS JOIN LATERAL (SELECT ST_Transform(a.geom, 4326)::box2d AS g) b
            WHERE a.kind = $1 AND a.code = ANY($2) AND a.geom IS NOT NULL
            """);
        cmd.Parameters.AddWithValue(kind);
        cmd.Parameters.Add(new NpgsqlParameter { Value = codes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetString(0)] = [Math.Round(reader.GetDouble(1), 6), Math.Round(reader.GetDouble(2), 6), Math.Round(reader.GetDouble(3), 6), Math.Round(reader.GetDouble(4), 6)];
        }

        return result;
    }
}
