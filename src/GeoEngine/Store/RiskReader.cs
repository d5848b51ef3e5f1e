using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// Reads risk data for analysis. Counting per cell is a grouped read; the statistics are done in
/// <c>GeoEngine.Risk</c>. Every incident is assigned to exactly one cell (the lowest code among the
/// cells it touches), so points on a shared edge are not counted twice.
/// </summary>
public static class RiskReader
{
    /// <summary>Hex cell size used for risk: THE shared grid of <c>places.ensure_hex_grid</c>, 250 m.</summary>
    public const int HexSizeMetres = 250;

    /// <summary>Latest month with incidents, or null when there are none.</summary>
    public static async Task<DateOnly?> LatestIncidentMonthAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT max(month) FROM risk.incidents");
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is DateTime dt ? DateOnly.FromDateTime(dt) : value as DateOnly?;
    }

    /// <summary>
    /// The study extent in EPSG:27700: the given WGS84 box, else the extent of the routable network
    /// (the OSM extract), else the 2nd–98th percentile box of incident points (police.uk files carry
    /// a few rows far outside the force area). Null when there is nothing to go on.
    /// </summary>
    public static async Task<(double MinX, double MinY, double MaxX, double MaxY)?> ExtentAsync(
        NpgsqlDataSource dataSource, (double MinLon, double MinLat, double MaxLon, double MaxLat)? box, CancellationToken ct)
    {
        const string sql = """
            WITH given AS (
                SELECT ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 27700) AS g WHERE $5
            ), net AS (
                SELECT ST_SetSRID(ST_Extent(geom)::geometry, 27700) AS g FROM network.nodes
            ), pts AS (
                SELECT ST_MakeEnvelope(
                    percentile_cont(0.02) WITHIN GROUP (ORDER BY ST_X(geom)), percentile_cont(0.02) WITHIN GROUP (ORDER BY ST_Y(geom)),
                    percentile_cont(0.98) WITHIN GROUP (ORDER BY ST_X(geom)), percentile_cont(0.98) WITHIN GROUP (ORDER BY ST_Y(geom)), 27700) AS g
                FROM risk.incidents WHERE geom IS NOT NULL
            ), pick AS (
                SELECT coalesce((SELECT g FROM given), (SELECT g FROM net), (SELECT g FROM pts)) AS g
            )
            SELECT ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g) FROM pick WHERE g IS NOT NULL
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        var b = box ?? default;
        cmd.Parameters.AddWithValue(b.MinLon);
        cmd.Parameters.AddWithValue(b.MinLat);
        cmd.Parameters.AddWithValue(b.MaxLon);
        cmd.Parameters.AddWithValue(b.MaxLat);
        cmd.Parameters.AddWithValue(box is not null);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.IsDBNull(0))
        {
            return null;
        }

        return (reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3));
    }

    /// <summary>
    /// Makes sure the 250 m hex cells cover the extent (<c>places.ensure_hex_grid</c>, idempotent), then
    /// counts the source's rows per cell for months <paramref name="from"/>..<paramref name="to"/>
    /// (first days of months, inclusive; tension reports by their date within those months).
    /// </summary>
    public static async Task<HexCellCounts> CountPerHexAsync(
        NpgsqlDataSource dataSource, RiskSource source, DateOnly from, DateOnly to, (double MinX, double MinY, double MaxX, double MaxY) extent, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using (var ensure = new NpgsqlCommand("SELECT places.ensure_hex_grid($1, ST_MakeEnvelope($2, $3, $4, $5, 27700))", conn))
        {
            ensure.Parameters.AddWithValue(HexSizeMetres);
            AddExtent(ensure, extent);
            await ensure.ExecuteScalarAsync(ct);
        }

        // The point set: a fixed text per source (never from input); parameters $1..$7 are shared.
        var points = source switch
        {
            RiskSource.Asb => "SELECT id, geom FROM risk.incidents WHERE geom && ST_MakeEnvelope($2, $3, $4, $5, 27700) AND category = 'Anti-social behaviour' AND month BETWEEN $6 AND $7",
            RiskSource.Crime => "SELECT id, geom FROM risk.incidents WHERE geom && ST_MakeEnvelope($2, $3, $4, $5, 27700) AND category <> 'Anti-social behaviour' AND month BETWEEN $6 AND $7",
            _ => "SELECT id, geom FROM risk.tension_reports WHERE geom && ST_MakeEnvelope($2, $3, $4, $5, 27700) AND reported_on >= $6 AND reported_on < ($7 + interval '1 month')",
        };
        var sql = $"""
            WITH counted AS (
                SELECT h.code, count(*) AS n
                FROM (
                    SELECT DISTINCT ON (p.id) a.code
                    FROM ({points}) p
                    JOIN places.areas a ON a.geom && p.geom AND ST_Intersects(a.geom, p.geom)
                    WHERE a.kind = 'hex' AND a.code LIKE 'H' || $1 || '\_%'
                    ORDER BY p.id, a.code
                ) h
                GROUP BY h.code
            )
            SELECT c.code, ST_X(ST_Centroid(c.geom)), ST_Y(ST_Centroid(c.geom)), coalesce(k.n, 0)::float8,
                   ST_AsGeoJSON(ST_Transform(ST_GeometryN(c.geom, 1), 4326), 6)
            FROM places.areas c LEFT JOIN counted k USING (code)
            WHERE c.kind = 'hex' AND c.code LIKE 'H' || $1 || '\_%' AND c.geom && ST_MakeEnvelope($2, $3, $4, $5, 27700)
            ORDER BY c.code
            """;
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue(HexSizeMetres.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AddExtent(cmd, extent);
        cmd.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.Date });
        var codes = new List<string>();
        var xs = new List<double>();
        var ys = new List<double>();
        var counts = new List<double>();
        var shapes = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            codes.Add(reader.GetString(0));
            xs.Add(reader.GetDouble(1));
            ys.Add(reader.GetDouble(2));
            counts.Add(reader.GetDouble(3));
            shapes.Add(reader.GetString(4));
        }

        return new HexCellCounts([.. codes], [.. xs], [.. ys], [.. counts], [.. shapes]);
    }

    /// <summary>
    /// police.uk counts per LSOA and month for months <paramref name="from"/>..<paramref name="to"/>, with the
    /// LSOA's population from <c>places.areas</c> when loaded. Rows without an LSOA are not included.
    /// </summary>
    public static async Task<AreaMonthCounts> CountPerAreaMonthAsync(NpgsqlDataSource dataSource, RiskSource source, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var filter = source == RiskSource.Asb ? "i.category = 'Anti-social behaviour'" : "i.category <> 'Anti-social behaviour'";
        await using var cmd = dataSource.CreateCommand($"""
            SELECT i.lsoa_code, max(i.lsoa_name), (SELECT a.population FROM places.areas a WHERE a.code = i.lsoa_code), i.month, count(*)
            FROM risk.incidents i
            WHERE i.lsoa_code IS NOT NULL AND {filter} AND i.month BETWEEN $1 AND $2
            GROUP BY i.lsoa_code, i.month
            ORDER BY i.lsoa_code, i.month
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.Date });
        var codes = new List<string>();
        var names = new List<string?>();
        var population = new List<int?>();
        var months = new List<DateOnly>();
        var counts = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            codes.Add(reader.GetString(0));
            names.Add(reader.IsDBNull(1) ? null : reader.GetString(1));
            population.Add(reader.IsDBNull(2) ? null : reader.GetInt32(2));
            months.Add(reader.GetFieldValue<DateOnly>(3));
            counts.Add(reader.GetInt64(4));
        }

        return new AreaMonthCounts([.. codes], [.. names], [.. population], [.. months], [.. counts]);
    }

    /// <summary>Located points of a source within an extent (EPSG:27700 metres) for months from..to.</summary>
    public static async Task<(double[] X, double[] Y)> PointsAsync(
        NpgsqlDataSource dataSource, RiskSource source, DateOnly from, DateOnly to, (double MinX, double MinY, double MaxX, double MaxY) extent, CancellationToken ct)
    {
        var sql = source switch
        {
            RiskSource.Asb => "SELECT ST_X(geom), ST_Y(geom) FROM risk.incidents WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 27700) AND category = 'Anti-social behaviour' AND month BETWEEN $5 AND $6",
            RiskSource.Crime => "SELECT ST_X(geom), ST_Y(geom) FROM risk.incidents WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 27700) AND category <> 'Anti-social behaviour' AND month BETWEEN $5 AND $6",
            _ => "SELECT ST_X(geom), ST_Y(geom) FROM risk.tension_reports WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 27700) AND reported_on >= $5 AND reported_on < ($6 + interval '1 month')",
        };
        await using var cmd = dataSource.CreateCommand(sql);
        AddExtent(cmd, extent);
        cmd.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.Date });
        var xs = new List<double>();
        var ys = new List<double>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            xs.Add(reader.GetDouble(0));
            ys.Add(reader.GetDouble(1));
        }

        return ([.. xs], [.. ys]);
    }

    private static void AddExtent(NpgsqlCommand cmd, (double MinX, double MinY, double MaxX, double MaxY) e)
    {
        cmd.Parameters.AddWithValue(e.MinX);
        cmd.Parameters.AddWithValue(e.MinY);
        cmd.Parameters.AddWithValue(e.MaxX);
        cmd.Parameters.AddWithValue(e.MaxY);
    }
}
