using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// Reads for the dispersal-site dossier (EPSG:27700 metres): facilities, police.uk rows around points,
/// LSOA densities, the hex cell holding a point, saved sites. Reads and the saved-site write only; the
/// figures are computed in <c>GeoEngine.Assessment</c>, <c>Routing</c>, <c>Transit</c> and <c>Risk</c>.
/// </summary>
public static class SiteAssessmentStore
{
    /// <summary>
    /// The data versions the dossier's caches are keyed on (migration 0601: bumped by every statement that changes
    /// risk.incidents, places.areas, places.facilities; 0 before the first change).
    /// </summary>
    public static async Task<(long Incidents, long Areas, long Facilities)> DataVersionsAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT coalesce(max(version) FILTER (WHERE name = 'incidents'), 0),
                   coalesce(max(version) FILTER (WHERE name = 'areas'), 0),
                   coalesce(max(version) FILTER (WHERE name = 'facilities'), 0)
            FROM meta.data_versions
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Facilities of the given kinds (all kinds when null), ordered by kind then id.</summary>
    public static async Task<(long[] Ids, string[] Kinds, string[] Names, double[] X, double[] Y)> FacilitiesAsync(NpgsqlDataSource dataSource, string[]? kinds, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id, kind, name, ST_X(geom), ST_Y(geom) FROM places.facilities
            WHERE $1::text[] IS NULL OR kind = ANY($1)
            ORDER BY kind, id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)kinds ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var ids = new List<long>();
        var k = new List<string>();
        var names = new List<string>();
        var xs = new List<double>();
        var ys = new List<double>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
            k.Add(reader.GetString(1));
            names.Add(reader.GetString(2));
            xs.Add(reader.GetDouble(3));
            ys.Add(reader.GetDouble(4));
        }

        return ([.. ids], [.. k], [.. names], [.. xs], [.. ys]);
    }

    /// <summary>
    /// police.uk rows with a location within <paramref name="radius"/> metres of each point for months
    /// <paramref name="from"/>..<paramref name="to"/>: per point (index), ASB or not, month, rows.
    /// </summary>
    public static async Task<IReadOnlyList<(int Point, bool Asb, DateOnly Month, long Count)>> IncidentsAroundAsync(
        NpgsqlDataSource dataSource, double[] x, double[] y, double radius, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT p.i::int - 1, i.category = 'Anti-social behaviour', i.month, count(*)
            FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(x, y, i)
            JOIN risk.incidents i ON i.geom IS NOT NULL AND ST_DWithin(i.geom, ST_SetSRID(ST_MakePoint(p.x, p.y), 27700), $3)
            WHERE i.month BETWEEN $4 AND $5
            GROUP BY 1, 2, 3
            """);
        cmd.Parameters.AddWithValue(x);
        cmd.Parameters.AddWithValue(y);
        cmd.Parameters.AddWithValue(radius);
        cmd.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.Date });
        var list = new List<(int, bool, DateOnly, long)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetInt32(0), reader.GetBoolean(1), reader.GetFieldValue<DateOnly>(2), reader.GetInt64(3)));
        }

        return list;
    }

    /// <summary>
    /// police.uk rows per km² of the loaded LSOAs that have any police.uk row in months from..to (the force
    /// area the data cover; LSOAs of other forces would count as zero), counted by the LSOA code police.uk gives,
    /// located or not: per LSOA code, ASB and other crime densities.
    /// </summary>
    public static async Task<Dictionary<string, (double AsbPerKm2, double CrimePerKm2)>> LsoaDensitiesAsync(NpgsqlDataSource dataSource, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT a.code, c.asb / (ST_Area(a.geom) / 1e6), c.crime / (ST_Area(a.geom) / 1e6)
            FROM (
                -- Counted per LSOA code first (month window by incidents_month_idx when it is selective), then joined:
                -- the 60,000 rows of a year no longer carry the LSOA polygons through a sort spilled to disk (207 ms → 38 ms).
                SELECT i.lsoa_code,
                       count(*) FILTER (WHERE i.category = 'Anti-social behaviour') AS asb,
                       count(*) FILTER (WHERE i.category <> 'Anti-social behaviour') AS crime
                FROM risk.incidents i
                WHERE i.month BETWEEN $1 AND $2 AND i.lsoa_code IS NOT NULL
                GROUP BY i.lsoa_code
            ) c
            JOIN places.areas a ON a.code = c.lsoa_code AND a.kind = 'lsoa'
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.Date });
        var result = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetString(0)] = (reader.GetDouble(1), reader.GetDouble(2));
        }

        return result;
    }

    /// <summary>The shared 250 m hex cell (<c>H250_*</c>) holding each point (lowest code on a shared edge), null where none exists.</summary>
    public static async Task<string?[]> HexCodeAtAsync(NpgsqlDataSource dataSource, double[] x, double[] y, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT p.i, (SELECT a.code FROM places.areas a
                         WHERE a.kind = 'hex' AND a.code LIKE 'H' || $3 || '\_%' AND ST_Intersects(a.geom, ST_SetSRID(ST_MakePoint(p.x, p.y), 27700))
                         ORDER BY a.code LIMIT 1)
            FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(x, y, i)
            """);
        cmd.Parameters.AddWithValue(x);
        cmd.Parameters.AddWithValue(y);
        cmd.Parameters.AddWithValue(RiskReader.HexSizeMetres.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var result = new string?[x.Length];
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetInt64(0) - 1] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return result;
    }

    /// <summary>Saves a dispersal site (restricted table <c>places.sites</c>, kind <c>dispersal</c>); returns its id.</summary>
    public static async Task<long> SaveDispersalSiteAsync(NpgsqlDataSource dataSource, string? name, int? capacity, double x, double y, string actor, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO places.sites (kind, name, capacity, status, geom, created_by)
            VALUES ('dispersal', $1, $2, 'candidate', ST_SetSRID(ST_MakePoint($3, $4), 27700), $5) RETURNING id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)capacity ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.AddWithValue(x);
        cmd.Parameters.AddWithValue(y);
        cmd.Parameters.AddWithValue(actor);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Saved dispersal sites by id (point sites; a polygon site is represented by its point on surface), in the order asked.</summary>
    public static async Task<IReadOnlyList<(long Id, string? Name, int? Capacity, string? Status, double X, double Y)>> DispersalSitesAsync(NpgsqlDataSource dataSource, long[] ids, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT s.id, s.name, s.capacity, s.status, ST_X(ST_PointOnSurface(s.geom)), ST_Y(ST_PointOnSurface(s.geom))
            FROM unnest($1::bigint[]) WITH ORDINALITY AS w(id, i)
            JOIN places.sites s ON s.id = w.id AND s.kind = 'dispersal'
            ORDER BY w.i
            """);
        cmd.Parameters.AddWithValue(ids);
        var list = new List<(long, string?, int?, string?, double, double)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetDouble(4), reader.GetDouble(5)));
        }

        return list;
    }
}
