using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>Counts <c>places.dwellings</c> inside polygons (EPSG:27700); null while the table is empty.</summary>
public static class DwellingCountReader
{
    /// <summary>One count per polygon, or null when no dwellings are loaded yet.</summary>
    public static async Task<long[]?> CountInsideAsync(NpgsqlDataSource dataSource, IReadOnlyList<Geometry> polygons, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(polygons);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using (var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM places.dwellings)", conn))
        {
            if (!(bool)(await any.ExecuteScalarAsync(ct))!)
            {
                return null;
            }
        }

        var counts = new long[polygons.Count];
        for (var i = 0; i < polygons.Count; i++)
        {
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM places.dwellings WHERE ST_Intersects(geom, $1)", conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = polygons[i], NpgsqlDbType = NpgsqlDbType.Geometry });
            counts[i] = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }

        return counts;
    }
}
