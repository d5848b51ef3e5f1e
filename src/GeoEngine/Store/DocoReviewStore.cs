using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// Reads for the DOCO evidence pack around one boundary (EPSG:27700 metres; the boundary travels as
/// EWKB from <see cref="PrepareBoundaryAsync"/>). Reads only: the pack is computed in
/// <c>GeoEngine.Assessment</c> and the risk engine.
/// </summary>
public static class DocoReviewStore
{
    /// <summary>
    /// Parses a WGS84 GeoJSON polygon in PostGIS; a self-intersecting or otherwise invalid polygon is repaired
    /// with <c>ST_MakeValid</c> (its polygonal part kept) and the reason returned. PostGIS refusing the
    /// GeoJSON (for example an unclosed ring) raises <see cref="PostgresException"/>.
    /// </summary>
    public static async Task<ReviewBoundary> PrepareBoundaryAsync(NpgsqlDataSource dataSource, string geoJson, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH raw AS (
                SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), 27700) AS g
            ), fix AS (
                SELECT ST_IsValid(g) AS ok, ST_IsValidReason(g) AS why,
                       CASE WHEN ST_IsValid(g) THEN g ELSE ST_CollectionExtract(ST_MakeValid(g), 3) END AS f
                FROM raw
            ), ext AS (
                SELECT coalesce(
                    (SELECT ST_SetSRID(ST_Extent(geom)::geometry, 27700) FROM network.nodes),
                    (SELECT ST_SetSRID(ST_Extent(geom)::geometry, 27700) FROM risk.incidents WHERE geom IS NOT NULL)) AS e
            )
            SELECT ok, why, ST_AsEWKB(f), coalesce(ST_AsGeoJSON(ST_Transform(f, 4326), 9), '{"type":"Polygon","coordinates":[]}'), ST_Area(f), ST_IsEmpty(f),
                   e IS NOT NULL, coalesce(ST_Intersects(f, e), false),
                   CASE WHEN e IS NULL THEN NULL ELSE
                     concat_ws(',', round(ST_XMin(ST_Transform(e, 4326))::numeric, 4), round(ST_YMin(ST_Transform(e, 4326))::numeric, 4),
                                    round(ST_XMax(ST_Transform(e, 4326))::numeric, 4), round(ST_YMax(ST_Transform(e, 4326))::numeric, 4)) END
            FROM fix, ext
            """);
        cmd.Parameters.AddWithValue(geoJson);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new ReviewBoundary(
            reader.GetBoolean(0), reader.GetBoolean(0) ? null : reader.GetString(1), reader.GetFieldValue<byte[]>(2), reader.GetString(3),
            reader.GetDouble(4), reader.GetBoolean(5), reader.GetBoolean(6), reader.GetBoolean(7), reader.IsDBNull(8) ? null : reader.GetString(8));
    }

    /// <summary>
    /// police.uk rows with a location within <paramref name="maxDistance"/> metres of the boundary (0 inside) for
    /// months <paramref name="from"/>..<paramref name="to"/>, grouped by category, month and distance.
    /// </summary>
    public static async Task<(string[] Categories, DateOnly[] Months, double[] Distances, long[] Counts)> IncidentsNearAsync(
        NpgsqlDataSource dataSource, byte[] boundary, DateOnly from, DateOnly to, double maxDistance, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH b AS (SELECT ST_GeomFromEWKB($1) AS g)
            SELECT i.category, i.month, ST_Distance(i.geom, b.g) AS d, count(*)
            FROM risk.incidents i, b
            WHERE i.geom IS NOT NULL AND ST_DWithin(i.geom, b.g, $2) AND i.month BETWEEN $3 AND $4
            GROUP BY i.category, i.month, d
            ORDER BY i.category, i.month, d
            """);
        cmd.Parameters.AddWithValue(boundary);
        cmd.Parameters.AddWithValue(maxDistance);
        cmd.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.Date });
        var categories = new List<string>();
        var months = new List<DateOnly>();
        var distances = new List<double>();
        var counts = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            categories.Add(reader.GetString(0));
            months.Add(reader.GetFieldValue<DateOnly>(1));
            distances.Add(reader.GetDouble(2));
            counts.Add(reader.GetInt64(3));
        }

        return ([.. categories], [.. months], [.. distances], [.. counts]);
    }

    /// <summary>Codes of the shared 250 m hex cells (<c>H250_*</c>) within <paramref name="distance"/> metres of the boundary.</summary>
    public static async Task<HashSet<string>> HexCodesNearAsync(NpgsqlDataSource dataSource, byte[] boundary, double distance, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT a.code FROM places.areas a, (SELECT ST_GeomFromEWKB($1) AS g) b
            WHERE a.kind = 'hex' AND a.code LIKE 'H' || $3 || '\_%' AND ST_DWithin(a.geom, b.g, $2)
            """);
        cmd.Parameters.AddWithValue(boundary);
        cmd.Parameters.AddWithValue(distance);
        cmd.Parameters.AddWithValue(RiskReader.HexSizeMetres.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var codes = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }

    /// <summary>
    /// Derived OSM DOCO features (<c>unlit_path</c>, <c>unknown_lighting_path</c>, <c>alley</c>) within
    /// <paramref name="distance"/> metres of the boundary, nearest first: kind, edge, highway, street name,
    /// distance and length in metres, geometry as WGS84 GeoJSON.
    /// </summary>
    public static async Task<IReadOnlyList<(string Kind, long? EdgeId, string? Highway, string? Name, double DistanceM, double LengthM, string GeoJson)>> LightingNearAsync(
        NpgsqlDataSource dataSource, byte[] boundary, double distance, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT f.kind, f.edge_id, e.highway, e.name, ST_Distance(f.geom, b.g), ST_Length(f.geom), ST_AsGeoJSON(ST_Transform(f.geom, 4326), 6)
            FROM risk.doco_features f CROSS JOIN (SELECT ST_GeomFromEWKB($1) AS g) b
            LEFT JOIN network.edges e ON e.id = f.edge_id
            WHERE f.source = 'osm' AND f.kind IN ('unlit_path', 'unknown_lighting_path', 'alley') AND ST_DWithin(f.geom, b.g, $2)
            ORDER BY ST_Distance(f.geom, b.g), f.id
            """);
        cmd.Parameters.AddWithValue(boundary);
        cmd.Parameters.AddWithValue(distance);
        var list = new List<(string, long?, string?, string?, double, double, string)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetString(6)));
        }

        return list;
    }

    /// <summary>Officer observations (<c>source = 'officer'</c>) within <paramref name="distance"/> metres, newest first.</summary>
    public static async Task<IReadOnlyList<(long Id, string Kind, string? Note, DateOnly? ObservedOn, double DistanceM)>> ObservationsNearAsync(
        NpgsqlDataSource dataSource, byte[] boundary, double distance, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT f.id, f.kind, f.note, f.observed_on, ST_Distance(f.geom, b.g)
            FROM risk.doco_features f, (SELECT ST_GeomFromEWKB($1) AS g) b
            WHERE f.source = 'officer' AND ST_DWithin(f.geom, b.g, $2)
            ORDER BY f.observed_on DESC NULLS LAST, f.id
            """);
        cmd.Parameters.AddWithValue(boundary);
        cmd.Parameters.AddWithValue(distance);
        var list = new List<(long, string, string?, DateOnly?, double)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3), reader.GetDouble(4)));
        }

        return list;
    }

    /// <summary>
    /// Planning applications (<c>places.sites</c>, kind <c>planning_application</c>) within <paramref name="distance"/>
    /// metres, other than <paramref name="reference"/>, with the number of DOCO recommendations made on each and adopted.
    /// </summary>
    public static async Task<IReadOnlyList<(long Id, string? Ref, string? Name, string? Status, double DistanceM, long Recommendations, long Adopted)>> ApplicationsNearAsync(
        NpgsqlDataSource dataSource, byte[] boundary, double distance, string reference, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT s.id, s.ref, s.name, s.status, ST_Distance(s.geom, b.g),
                   (SELECT count(*) FROM risk.doco_recommendations r WHERE r.application_ref = s.ref),
                   (SELECT count(*) FROM risk.doco_recommendations r WHERE r.application_ref = s.ref AND r.adopted)
            FROM places.sites s, (SELECT ST_GeomFromEWKB($1) AS g) b
            WHERE s.kind = 'planning_application' AND ST_DWithin(s.geom, b.g, $2) AND s.ref IS DISTINCT FROM $3
            ORDER BY ST_Distance(s.geom, b.g), s.id
            """);
        cmd.Parameters.AddWithValue(boundary);
        cmd.Parameters.AddWithValue(distance);
        cmd.Parameters.AddWithValue(reference);
        var list = new List<(long, string?, string?, string?, double, long, long)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetDouble(4), reader.GetInt64(5), reader.GetInt64(6)));
        }

        return list;
    }

    /// <summary>
    /// The boundary buffered by each of <paramref name="distances"/> (EPSG:27700 metres, <c>ST_Buffer</c> with 8
    /// segments per quarter circle), as WGS84 GeoJSON with 6 decimals (about 0.1 m), in the order given: what the
    /// map draws as the 100/250/500 m rings of the evidence pack.
    /// </summary>
    public static async Task<IReadOnlyList<(int DistanceM, string GeoJson)>> BuffersAsync(
        NpgsqlDataSource dataSource, byte[] boundary, IReadOnlyList<int> distances, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(distances);
        await using var cmd = dataSource.CreateCommand("""
            SELECT d.m, ST_AsGeoJSON(ST_Transform(ST_Buffer(ST_GeomFromEWKB($1), d.m), 4326), 6)
            FROM unnest($2::integer[]) WITH ORDINALITY AS d(m, n)
            ORDER BY d.n
            """);
        cmd.Parameters.AddWithValue(boundary);
        cmd.Parameters.Add(new NpgsqlParameter { Value = distances.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        var list = new List<(int, string)>(distances.Count);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return list;
    }
}
