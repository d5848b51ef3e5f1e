using CohesionGeo.GeoEngine.Accessibility;
using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// Reads inputs for and writes results of accessibility (<c>access.*</c>). Results of one
/// (kind, mode) are replaced together in the caller's transaction. SQL only.
/// </summary>
public static class AccessStore
{
    /// <summary>All dwellings with their LSOA and the <paramref name="hexSizeM"/> hex cell containing them.</summary>
    public static async Task<AccessDwellings> ReadDwellingsAsync(NpgsqlConnection conn, int hexSizeM, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conn);
        await using var cmd = new NpgsqlCommand(
            """
            SELECT d.id, ST_X(d.geom), ST_Y(d.geom), d.area_code, h.code
            FROM places.dwellings d
            LEFT JOIN LATERAL (
                SELECT a.code FROM places.areas a
                WHERE a.kind = 'hex' AND a.code LIKE $1 AND ST_Intersects(a.geom, d.geom)
                ORDER BY a.code LIMIT 1) h ON true
            ORDER BY d.id
            """, conn);
        cmd.Parameters.AddWithValue($"H{hexSizeM}\\_%");
        var ids = new List<long>();
        var x = new List<double>();
        var y = new List<double>();
        var lsoa = new List<string?>();
        var hex = new List<string?>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
            x.Add(reader.GetDouble(1));
            y.Add(reader.GetDouble(2));
            lsoa.Add(reader.IsDBNull(3) ? null : reader.GetString(3));
            hex.Add(reader.IsDBNull(4) ? null : reader.GetString(4));
        }

        return new AccessDwellings(ids.ToArray(), x.ToArray(), y.ToArray(), lsoa.ToArray(), hex.ToArray());
    }

    /// <summary>Facilities of one kind.</summary>
    public static async Task<AccessFacilities> ReadFacilitiesAsync(NpgsqlConnection conn, string kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conn);
        await using var cmd = new NpgsqlCommand("SELECT id, ST_X(geom), ST_Y(geom), capacity FROM places.facilities WHERE kind = $1 ORDER BY id", conn);
        cmd.Parameters.AddWithValue(kind);
        var ids = new List<long>();
        var x = new List<double>();
        var y = new List<double>();
        var cap = new List<int?>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
            x.Add(reader.GetDouble(1));
            y.Add(reader.GetDouble(2));
            cap.Add(reader.IsDBNull(3) ? null : reader.GetInt32(3));
        }

        return new AccessFacilities(ids.ToArray(), x.ToArray(), y.ToArray(), cap.ToArray());
    }

    /// <summary>The service kinds whose access has been computed for <paramref name="mode"/> at least once (from <c>access.runs</c>).</summary>
    public static async Task<IReadOnlyList<string>> ComputedKindsAsync(NpgsqlConnection conn, string mode, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT kind FROM access.runs WHERE mode = $1 ORDER BY kind", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = mode });
        var result = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    /// <summary>Kinds whose facilities changed after their last computation (or never computed), among <paramref name="kinds"/>.</summary>
    public static async Task<IReadOnlyList<string>> StaleKindsAsync(NpgsqlConnection conn, IReadOnlyCollection<string> kinds, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT k FROM unnest($1::text[]) AS k
            WHERE NOT EXISTS (SELECT 1 FROM access.runs r WHERE r.kind = k)
               OR EXISTS (SELECT 1 FROM places.facility_kind_changes c
                          WHERE c.kind = k AND c.changed_at > (SELECT min(r.computed_at) FROM access.runs r WHERE r.kind = k))
            ORDER BY k
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = kinds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var result = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    /// <summary>Replaces the results of one (kind, mode): dwelling times (binary COPY), area statistics and the run record.</summary>
    public static async Task ReplaceAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string kind, string mode, long[] dwellingIds, ServiceAccess access,
        IReadOnlyList<AreaStatRow> areas, int facilities, double secondsTaken, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(dwellingIds);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(areas);
        await using (var del = new NpgsqlCommand("DELETE FROM access.dwelling_times WHERE kind = $1 AND mode = $2", conn, tx))
        {
            del.Parameters.AddWithValue(kind);
            del.Parameters.AddWithValue(mode);
            await del.ExecuteNonQueryAsync(ct);
        }

        await using (var del = new NpgsqlCommand("DELETE FROM access.area_stats WHERE kind = $1 AND mode = $2", conn, tx))
        {
            del.Parameters.AddWithValue(kind);
            del.Parameters.AddWithValue(mode);
            await del.ExecuteNonQueryAsync(ct);
        }

        await using (var copy = await conn.BeginBinaryImportAsync("COPY access.dwelling_times (kind, mode, dwelling_id, seconds, within_15, within_30) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < dwellingIds.Length; i++)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(kind, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(mode, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(dwellingIds[i], NpgsqlDbType.Bigint, ct);
                var t = access.NearestSeconds[i];
                if (float.IsFinite(t))
                {
                    await copy.WriteAsync(t, NpgsqlDbType.Real, ct);
                }
                else
                {
                    await copy.WriteNullAsync(ct);
                }

                await copy.WriteAsync(access.Within15[i], NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(access.Within30[i], NpgsqlDbType.Integer, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY access.area_stats (kind, mode, area_code, dwellings, reachable, mean_s, median_s, p90_s, share_over_15, share_over_30) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in areas)
            {
                var s = row.Summary;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(kind, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(mode, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.AreaCode, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(s.Dwellings, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(s.Reachable, NpgsqlDbType.Integer, ct);
                foreach (var v in new[] { s.Mean, s.Median, s.P90 })
                {
                    if (v is { } d)
                    {
                        await copy.WriteAsync((float)d, NpgsqlDbType.Real, ct);
                    }
                    else
                    {
                        await copy.WriteNullAsync(ct);
                    }
                }

                await copy.WriteAsync((float)s.ShareOver15, NpgsqlDbType.Real, ct);
                await copy.WriteAsync((float)s.ShareOver30, NpgsqlDbType.Real, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await using var run = new NpgsqlCommand(
            """
            INSERT INTO access.runs (kind, mode, computed_at, facilities, dwellings, seconds_taken) VALUES ($1, $2, clock_timestamp(), $3, $4, $5)
            ON CONFLICT (kind, mode) DO UPDATE SET computed_at = clock_timestamp(), facilities = excluded.facilities,
                dwellings = excluded.dwellings, seconds_taken = excluded.seconds_taken
            """, conn, tx);
        run.Parameters.AddWithValue(kind);
        run.Parameters.AddWithValue(mode);
        run.Parameters.AddWithValue(facilities);
        run.Parameters.AddWithValue(dwellingIds.Length);
        run.Parameters.AddWithValue(secondsTaken);
        await run.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Replaces the GP two-step floating catchment scores of one mode (none are written when no GP has a capacity).</summary>
    public static async Task ReplaceGpScoresAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string mode, long[] dwellingIds, double[]? scores, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(dwellingIds);
        await using (var del = new NpgsqlCommand("DELETE FROM access.gp_2sfca WHERE mode = $1", conn, tx))
        {
            del.Parameters.AddWithValue(mode);
            await del.ExecuteNonQueryAsync(ct);
        }

        if (scores is null)
        {
            return;
        }

        await using var copy = await conn.BeginBinaryImportAsync("COPY access.gp_2sfca (mode, dwelling_id, score) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < dwellingIds.Length; i++)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(mode, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(dwellingIds[i], NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(scores[i], NpgsqlDbType.Double, ct);
        }

        await copy.CompleteAsync(ct);
    }

    /// <summary>Stored area figures of some kinds and modes at one level (<c>lsoa</c> or <c>hex</c>), with each area's context.
    /// A hex cell takes the rural–urban class and WIMD rank of the LSOA containing its centre.</summary>
    public static async Task<IReadOnlyList<AccessAreaFigures>> ReadAreaFiguresAsync(
        NpgsqlDataSource dataSource, string level, IReadOnlyCollection<string> kinds, IReadOnlyCollection<string> modes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT s.area_code, a.name, coalesce(a.ruc, l.ruc), coalesce(a.wimd_rank, l.wimd_rank), s.kind, s.mode, s.dwellings, s.median_s, s.share_over_15, s.share_over_30
            FROM access.area_stats s
            JOIN places.areas a ON a.code = s.area_code AND a.kind = $1
            LEFT JOIN LATERAL (
                SELECT l.ruc, l.wimd_rank FROM places.areas l
                WHERE a.kind = 'hex' AND l.kind = 'lsoa' AND ST_Intersects(l.geom, ST_PointOnSurface(a.geom)) LIMIT 1) l ON true
            WHERE s.kind = ANY($2) AND s.mode = ANY($3)
            ORDER BY s.area_code, s.kind, s.mode
            """);
        cmd.Parameters.AddWithValue(level);
        cmd.Parameters.Add(new NpgsqlParameter { Value = kinds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = modes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var rows = new List<AccessAreaFigures>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new AccessAreaFigures(
                reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetFloat(7), reader.GetFloat(8), reader.GetFloat(9)));
        }

        return rows;
    }

    /// <summary>Stored dwelling links of a mode made on network import <paramref name="importId"/>: dwelling id → (edge id or null, fraction, offset, foot).</summary>
    public static async Task<Dictionary<long, (long? EdgeId, double Fraction, double Offset, double FootX, double FootY)>> ReadLinksAsync(
        NpgsqlConnection conn, string mode, long importId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conn);
        await using var cmd = new NpgsqlCommand(
            "SELECT dwelling_id, edge_id, fraction, offset_m, foot_x, foot_y FROM access.dwelling_links WHERE mode = $1 AND import_id = $2", conn);
        cmd.Parameters.AddWithValue(mode);
        cmd.Parameters.AddWithValue(importId);
        var result = new Dictionary<long, (long?, double, double, double, double)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetInt64(0)] = reader.IsDBNull(1)
                ? (null, 0, 0, 0, 0)
                : (reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5));
        }

        return result;
    }

    /// <summary>Replaces the stored dwelling links of a mode (edge id null = not linkable).</summary>
    public static async Task ReplaceLinksAsync(
        NpgsqlConnection conn, string mode, long importId, long[] dwellingIds, IReadOnlyList<(long? EdgeId, double Fraction, double Offset, double FootX, double FootY)> links, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(dwellingIds);
        ArgumentNullException.ThrowIfNull(links);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var del = new NpgsqlCommand("DELETE FROM access.dwelling_links WHERE mode = $1", conn, tx))
        {
            del.Parameters.AddWithValue(mode);
            await del.ExecuteNonQueryAsync(ct);
        }

        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY access.dwelling_links (mode, dwelling_id, import_id, edge_id, fraction, offset_m, foot_x, foot_y) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < dwellingIds.Length; i++)
            {
                var l = links[i];
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(mode, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(dwellingIds[i], NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(importId, NpgsqlDbType.Bigint, ct);
                if (l.EdgeId is { } e)
                {
                    await copy.WriteAsync(e, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(l.Fraction, NpgsqlDbType.Double, ct);
                    await copy.WriteAsync(l.Offset, NpgsqlDbType.Double, ct);
                    await copy.WriteAsync(l.FootX, NpgsqlDbType.Double, ct);
                    await copy.WriteAsync(l.FootY, NpgsqlDbType.Double, ct);
                }
                else
                {
                    for (var k = 0; k < 5; k++)
                    {
                        await copy.WriteNullAsync(ct);
                    }
                }
            }

            await copy.CompleteAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>Stored area statistics of one kind and mode at one level (<c>lsoa</c> or <c>hex</c>), by area code.</summary>
    public static async Task<IReadOnlyList<(string AreaCode, string? Name, int Dwellings, AreaAccessSummary Summary)>> ReadAreaStatsAsync(
        NpgsqlDataSource dataSource, string level, string kind, string mode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT s.area_code, a.name, s.dwellings, s.reachable, s.mean_s, s.median_s, s.p90_s, s.share_over_15, s.share_over_30
            FROM access.area_stats s JOIN places.areas a ON a.code = s.area_code AND a.kind = $1
            WHERE s.kind = $2 AND s.mode = $3
            ORDER BY s.area_code
            """);
        cmd.Parameters.AddWithValue(level);
        cmd.Parameters.AddWithValue(kind);
        cmd.Parameters.AddWithValue(mode);
        var rows = new List<(string, string?, int, AreaAccessSummary)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            double? Nullable(int i) => reader.IsDBNull(i) ? null : reader.GetFloat(i);
            var dwellings = reader.GetInt32(2);
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), dwellings,
                new AreaAccessSummary(dwellings, reader.GetInt32(3), Nullable(4), Nullable(5), Nullable(6), reader.GetFloat(7), reader.GetFloat(8))));
        }

        return rows;
    }
}
