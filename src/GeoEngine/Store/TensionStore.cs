using CohesionGeo.GeoEngine.Risk;
using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// The community tension register (<c>risk.tension_reports</c>) and its history
/// (<c>risk.tension_report_history</c>): every create or edit writes the new state as a version in the
/// same transaction. Points are stored in EPSG:27700 and read back as WGS84.
/// </summary>
public static class TensionStore
{
    private const string Columns = """
        r.id, r.reported_on, r.tier, r.level, r.theme, r.area_code,
        ST_X(ST_Transform(r.geom, 4326)), ST_Y(ST_Transform(r.geom, 4326)), r.summary, r.partner, r.synthetic,
        r.created_by, r.created_at, r.updated_at,
        (SELECT coalesce(max(h.version), 0) FROM risk.tension_report_history h WHERE h.report_id = r.id)
        """;

    private const string Snapshot = """
        INSERT INTO risk.tension_report_history (report_id, version, change, changed_by, state)
        SELECT r.id, coalesce((SELECT max(version) FROM risk.tension_report_history WHERE report_id = r.id), 0) + 1, $2, $3,
               jsonb_build_object('date', r.reported_on, 'tier', r.tier, 'level', r.level, 'theme', r.theme, 'area_code', r.area_code,
                                  'lon', ST_X(ST_Transform(r.geom, 4326)), 'lat', ST_Y(ST_Transform(r.geom, 4326)),
                                  'summary', r.summary, 'partner', r.partner, 'synthetic', r.synthetic)
        FROM risk.tension_reports r WHERE r.id = $1
        """;

    /// <returns>The new report's id.</returns>
    public static async Task<long> CreateAsync(NpgsqlDataSource dataSource, TensionReport report, string actor, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await InsertAsync(conn, tx, report, actor, importKey: null, ct);
        await SnapshotAsync(conn, tx, id!.Value, "create", actor, ct);
        await tx.CommitAsync(ct);
        return id.Value;
    }

    /// <summary>Replaces the editable fields and adds a version.</summary>
    /// <returns>False when there is no such report.</returns>
    public static async Task<bool> UpdateAsync(NpgsqlDataSource dataSource, long id, TensionReport report, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("""
            UPDATE risk.tension_reports SET reported_on = $2, tier = $3, level = $4, theme = $5, area_code = $6,
                geom = CASE WHEN $7::float8 IS NULL THEN NULL ELSE ST_Transform(ST_SetSRID(ST_MakePoint($7, $8), 4326), 27700) END,
                summary = $9, partner = $10, synthetic = $11, updated_at = now()
            WHERE id = $1
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue(id);
            AddFields(cmd, report);
            if (await cmd.ExecuteNonQueryAsync(ct) == 0)
            {
                return false;
            }
        }

        await SnapshotAsync(conn, tx, id, "update", actor, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Imports validated rows in one transaction; rows whose key is already stored are skipped.</summary>
    /// <returns>Rows added.</returns>
    public static async Task<long> ImportAsync(NpgsqlDataSource dataSource, IReadOnlyList<(string Key, TensionReport Report)> rows, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long added = 0;
        foreach (var (key, report) in rows)
        {
            var id = await InsertAsync(conn, tx, report, actor, key, ct);
            if (id is { } newId)
            {
                await SnapshotAsync(conn, tx, newId, "import", actor, ct);
                added++;
            }
        }

        await tx.CommitAsync(ct);
        return added;
    }

    public static async Task<TensionReportRow?> GetAsync(NpgsqlDataSource dataSource, long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM risk.tension_reports r WHERE r.id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Reports dated within [from, to] (either bound optional), newest first, at most <paramref name="limit"/>.</summary>
    public static async Task<IReadOnlyList<TensionReportRow>> ListAsync(NpgsqlDataSource dataSource, DateOnly? from, DateOnly? to, string? areaCode, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {Columns} FROM risk.tension_reports r
            WHERE ($1::date IS NULL OR r.reported_on >= $1) AND ($2::date IS NULL OR r.reported_on <= $2) AND ($3::text IS NULL OR r.area_code = $3)
            ORDER BY r.reported_on DESC, r.id DESC LIMIT $4
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)areaCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(limit);
        var list = new List<TensionReportRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    public static async Task<IReadOnlyList<TensionHistoryRow>> HistoryAsync(NpgsqlDataSource dataSource, long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT version, change, changed_by, changed_at, state::text FROM risk.tension_report_history WHERE report_id = $1 ORDER BY version");
        cmd.Parameters.AddWithValue(id);
        var list = new List<TensionHistoryRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new TensionHistoryRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
        }

        return list;
    }

    /// <summary>Reports for the tension index: area code, age inputs (date), level and tier, dated on or before <paramref name="asOf"/>.</summary>
    public static async Task<IReadOnlyList<(string AreaCode, DateOnly Date, int Level, string Tier, bool Synthetic)>> ForIndexAsync(NpgsqlDataSource dataSource, DateOnly asOf, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT coalesce(r.area_code, (SELECT a.code FROM places.areas a WHERE a.kind = 'lsoa' AND ST_Intersects(a.geom, r.geom) ORDER BY a.code LIMIT 1)),
                   r.reported_on, r.level, r.tier, r.synthetic
            FROM risk.tension_reports r WHERE r.reported_on <= $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = asOf, NpgsqlDbType = NpgsqlDbType.Date });
        var list = new List<(string, DateOnly, int, string, bool)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!reader.IsDBNull(0))
            {
                list.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt16(2), reader.GetString(3), reader.GetBoolean(4)));
            }
        }

        return list;
    }

    private static async Task<long?> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, TensionReport report, string actor, string? importKey, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO risk.tension_reports (reported_on, tier, level, theme, area_code, geom, summary, partner, synthetic, created_by, import_key)
            VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::float8 IS NULL THEN NULL ELSE ST_Transform(ST_SetSRID(ST_MakePoint($6, $7), 4326), 27700) END,
                    $8, $9, $10, $11, $12)
            ON CONFLICT (import_key) DO NOTHING
            RETURNING id
            """, conn, tx);
        AddFields(cmd, report);
        cmd.Parameters.AddWithValue(actor);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)importKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var id = await cmd.ExecuteScalarAsync(ct);
        return id is long l ? l : null;
    }

    private static async Task SnapshotAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, string change, string actor, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Snapshot, conn, tx);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(change);
        cmd.Parameters.AddWithValue(actor);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddFields(NpgsqlCommand cmd, TensionReport r)
    {
        cmd.Parameters.Add(new NpgsqlParameter { Value = r.ReportedOn, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.AddWithValue(r.Tier);
        cmd.Parameters.AddWithValue((short)r.Level);
        cmd.Parameters.AddWithValue(r.Theme);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)r.AreaCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)r.Lon ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Double });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)r.Lat ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Double });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)r.Summary ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)r.Partner ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(r.Synthetic);
    }

    private static TensionReportRow Read(NpgsqlDataReader r)
    {
        var report = new TensionReport(
            r.GetFieldValue<DateOnly>(1), r.GetString(2), r.GetInt16(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
            r.IsDBNull(6) ? null : r.GetDouble(6), r.IsDBNull(7) ? null : r.GetDouble(7),
            r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.GetBoolean(10));
        return new TensionReportRow(r.GetInt64(0), report, r.GetString(11), r.GetFieldValue<DateTimeOffset>(12), r.GetFieldValue<DateTimeOffset>(13), r.GetInt32(14));
    }
}
