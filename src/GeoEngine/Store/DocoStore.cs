using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// Designing Out Crime data in <c>risk.doco_features</c> (EPSG:27700). Derived features (source
/// <c>osm</c>) come from <c>network.edges</c> columns of the foundation schema:
/// <list type="bullet">
/// <item><c>unlit_path</c>: a path-type way (footway, path, pedestrian, steps, cycleway, bridleway, track, or a
/// <c>footway=*</c> sidewalk/crossing) with <c>lit = 'no'</c>;</item>
/// <item><c>unknown_lighting_path</c>: a path-type way with no <c>lit</c> tag;</item>
/// <item><c>alley</c>: <c>service = 'alley'</c>, whatever its lighting.</item>
/// </list>
/// Derivation is idempotent (unique per kind and edge). Footpath entry points into a boundary are
/// computed per boundary (<see cref="EntryPointsAsync"/>), not stored. Officer observations (source
/// <c>officer</c>) are points or lines with a kind, note and date.
/// </summary>
public static class DocoStore
{
    /// <summary>Highway values treated as paths (walked, not driven).</summary>
    public const string PathHighways = "'footway', 'path', 'pedestrian', 'steps', 'cycleway', 'bridleway', 'track'";

    private const string IsPath = $"(e.highway IN ({PathHighways}) OR e.footway IS NOT NULL)";

    private const string Derive = $"""
        INSERT INTO risk.doco_features (kind, source, note, edge_id, geom)
        SELECT k.kind, 'osm', k.note, e.id, e.geom
        FROM network.edges e
        CROSS JOIN LATERAL (VALUES
            ('unlit_path', 'OSM lit=no on a ' || coalesce(e.highway, 'path'), {IsPath} AND lower(e.lit) = 'no'),
            ('unknown_lighting_path', 'no OSM lit tag on a ' || coalesce(e.highway, 'path'), {IsPath} AND (e.lit IS NULL OR e.lit = '')),
            ('alley', 'OSM service=alley' || CASE WHEN lower(e.lit) = 'no' THEN ', lit=no' ELSE '' END, e.service = 'alley')
        ) AS k(kind, note, hit)
        WHERE k.hit
        ON CONFLICT (kind, edge_id) WHERE source = 'osm' DO NOTHING
        """;

    /// <returns>Features added, per kind.</returns>
    public static async Task<IReadOnlyDictionary<string, long>> DeriveFromNetworkAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var before = await CountsAsync(conn, tx, ct);
        await using (var cmd = new NpgsqlCommand(Derive, conn, tx))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        var after = await CountsAsync(conn, tx, ct);
        await tx.CommitAsync(ct);
        return after.ToDictionary(kv => kv.Key, kv => kv.Value - before.GetValueOrDefault(kv.Key), StringComparer.Ordinal);
    }

    /// <summary>
    /// Where path-type edges cross the outline of a boundary polygon (WGS84 GeoJSON): one point per
    /// crossing, in WGS84, with the edge id and highway. Edges that only touch the outline count too.
    /// </summary>
    public static async Task<IReadOnlyList<(long EdgeId, string? Highway, double Lon, double Lat)>> EntryPointsAsync(NpgsqlDataSource dataSource, string boundaryGeoJson, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            WITH b AS (SELECT ST_Boundary(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), 27700)) AS ring),
            x AS (
                SELECT e.id, e.highway, (ST_Dump(ST_Intersection(e.geom, b.ring))).geom AS g
                FROM network.edges e, b
                WHERE e.geom && b.ring AND ST_Intersects(e.geom, b.ring) AND {IsPath}
            )
            SELECT id, highway, ST_X(ST_Transform(ST_PointOnSurface(g), 4326)), ST_Y(ST_Transform(ST_PointOnSurface(g), 4326))
            FROM x ORDER BY id
            """);
        cmd.Parameters.AddWithValue(boundaryGeoJson);
        var list = new List<(long, string?, double, double)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3)));
        }

        return list;
    }

    /// <summary>Stores an officer observation (geometry as WGS84 GeoJSON Point or LineString).</summary>
    public static async Task<long> AddObservationAsync(NpgsqlDataSource dataSource, string kind, string? note, DateOnly observedOn, string geometryGeoJson, string actor, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO risk.doco_features (kind, source, note, observed_on, geom, created_by)
            VALUES ($1, 'officer', $2, $3, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($4), 4326), 27700), $5)
            RETURNING id
            """);
        cmd.Parameters.AddWithValue(kind);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)note ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = observedOn, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.AddWithValue(geometryGeoJson);
        cmd.Parameters.AddWithValue(actor);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>DOCO features (derived and observed) whose geometry meets a WGS84 box; geometry as WGS84 GeoJSON.</summary>
    public static async Task<IReadOnlyList<DocoFeatureRow>> ListAsync(NpgsqlDataSource dataSource, (double MinLon, double MinLat, double MaxLon, double MaxLat) box, string? source, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id, kind, source, note, observed_on, edge_id, created_by, ST_AsGeoJSON(ST_Transform(geom, 4326), 6)
            FROM risk.doco_features
            WHERE geom && ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 27700) AND ($5::text IS NULL OR source = $5)
            ORDER BY id LIMIT $6
            """);
        cmd.Parameters.AddWithValue(box.MinLon);
        cmd.Parameters.AddWithValue(box.MinLat);
        cmd.Parameters.AddWithValue(box.MaxLon);
        cmd.Parameters.AddWithValue(box.MaxLat);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)source ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(limit);
        var list = new List<DocoFeatureRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new DocoFeatureRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4), reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7)));
        }

        return list;
    }

    private static async Task<Dictionary<string, long>> CountsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal) { ["unlit_path"] = 0, ["unknown_lighting_path"] = 0, ["alley"] = 0 };
        await using var cmd = new NpgsqlCommand("SELECT kind, count(*) FROM risk.doco_features WHERE source = 'osm' GROUP BY kind", conn, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
