using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Places;
using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// Reads and writes <c>places.*</c> (facilities with their sources, areas, dwellings). Geometry is
/// EPSG:27700. Every method runs on the caller's connection and transaction, so that a file is
/// written whole or not at all. SQL only; the decisions (dedupe, mapping) are made by the engine.
/// </summary>
public static class PlacesStore
{
    /// <summary>Stored facilities with their source records (primary first), optionally of some kinds only.</summary>
    public static async Task<IReadOnlyList<(long Id, IReadOnlyList<FacilityRecord> Members)>> ReadFacilitiesAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyCollection<string>? kinds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conn);
        const string Sql = """
            SELECT f.id, f.kind, s.source, s.source_ref, s.name, s.name_cy, s.capacity, s.opening_hours, ST_X(s.geom), ST_Y(s.geom), s.precise, s.named,
                   (s.source = f.source AND s.source_ref = f.source_ref) AS is_primary
            FROM places.facilities f JOIN places.facility_sources s ON s.facility_id = f.id
            WHERE $1::text[] IS NULL OR f.kind = ANY($1)
            ORDER BY f.id, is_primary DESC, s.seq
            """;
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = kinds is null ? DBNull.Value : kinds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var result = new List<(long, IReadOnlyList<FacilityRecord>)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        long current = -1;
        List<FacilityRecord>? members = null;
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            if (id != current)
            {
                members = [];
                result.Add((id, members));
                current = id;
            }

            members!.Add(new FacilityRecord(
                reader.GetString(1), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetDouble(8), reader.GetDouble(9), reader.GetBoolean(10), reader.GetBoolean(11),
                PracticeCode: reader.GetString(2) == FacilitySources.NhsGp ? reader.GetString(3) : null));
        }

        return result;
    }

    /// <summary>Inserts new facilities, updates those that gained a source, and adds every new source record.</summary>
    public static async Task<FacilityWriteCounts> WriteFacilitiesAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, IEnumerable<FacilityCluster> clusters, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(clusters);
        int added = 0, updated = 0, sources = 0;
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO places.facilities (kind, name, name_cy, source, source_ref, capacity, opening_hours, geom)
            VALUES ($1, $2, $3, $4, $5, $6, $7, ST_SetSRID(ST_MakePoint($8, $9), 27700)) RETURNING id
            """, conn, tx);
        await using var update = new NpgsqlCommand(
            """
            UPDATE places.facilities SET name = $2, name_cy = $3, capacity = $4, opening_hours = $5, geom = ST_SetSRID(ST_MakePoint($6, $7), 27700)
            WHERE id = $1 AND (name, coalesce(name_cy, ''), coalesce(capacity, -1), coalesce(opening_hours, ''), ST_X(geom), ST_Y(geom))
                  IS DISTINCT FROM ($2, coalesce($3, ''), coalesce($4, -1), coalesce($5, ''), $6, $7)
            """, conn, tx);
        await using var source = new NpgsqlCommand(
            """
            INSERT INTO places.facility_sources (source, source_ref, facility_id, name, name_cy, capacity, opening_hours, precise, named, geom)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ST_SetSRID(ST_MakePoint($10, $11), 27700))
            ON CONFLICT (source, source_ref) DO NOTHING
            """, conn, tx);

        foreach (var cluster in clusters)
        {
            if (cluster.Id is not null && !cluster.Changed)
            {
                continue;
            }

            var m = cluster.Merged;
            if (cluster.Id is null)
            {
                insert.Parameters.Clear();
                AddValues(insert, m.Kind, m.Name, m.NameCy, m.Source, m.SourceRef, m.Capacity, m.OpeningHours, m.Easting, m.Northing);
                cluster.Id = (long)(await insert.ExecuteScalarAsync(ct))!;
                added++;
            }
            else
            {
                update.Parameters.Clear();
                AddValues(update, cluster.Id.Value, m.Name, m.NameCy, m.Capacity, m.OpeningHours, m.Easting, m.Northing);
                updated += await update.ExecuteNonQueryAsync(ct);
            }

            foreach (var r in cluster.Members)
            {
                source.Parameters.Clear();
                AddValues(source, r.Source, r.SourceRef, cluster.Id.Value, r.Name, r.NameCy, r.Capacity, r.OpeningHours, r.PositionPrecise, r.Named, r.Easting, r.Northing);
                sources += await source.ExecuteNonQueryAsync(ct);
            }

            cluster.MarkStored();
        }

        return new FacilityWriteCounts(added, updated, sources);
    }

    /// <summary>Inserts or refreshes LSOAs (kind <c>lsoa</c>); population stays NULL (no source for it).</summary>
    public static async Task<int> UpsertLsoasAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IEnumerable<LsoaArea> areas, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(areas);
        await using var cmd = new NpgsqlCommand(
            """
            INSERT INTO places.areas (code, kind, name, name_cy, population, ruc, wimd_rank, geom)
            VALUES ($1, 'lsoa', $2, $3, NULL, $4, $5, $6)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_cy = excluded.name_cy, ruc = excluded.ruc,
                wimd_rank = excluded.wimd_rank, geom = excluded.geom
            """, conn, tx);
        var n = 0;
        foreach (var a in areas)
        {
            cmd.Parameters.Clear();
            AddValues(cmd, a.Code, a.Name, a.NameCy, a.Ruc, a.WimdRank, a.Geometry);
            n += await cmd.ExecuteNonQueryAsync(ct);
        }

        return n;
    }

    /// <summary>
    /// The analysis extent (EPSG:27700 box): the box holding 99% of network nodes (0.5th–99.5th
    /// percentile of x and y: the extract keeps long ways whole, so a few nodes lie far out), or,
    /// with no network yet, the box of the LSOAs whose name starts with <paramref name="fallbackAreaPrefix"/>.
    /// Null when neither exists.
    /// </summary>
    public static async Task<(double MinX, double MinY, double MaxX, double MaxY)?> AnalysisExtentAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, string fallbackAreaPrefix, CancellationToken ct)
    {
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT percentile_cont(0.005) WITHIN GROUP (ORDER BY ST_X(geom)), percentile_cont(0.005) WITHIN GROUP (ORDER BY ST_Y(geom)),
                   percentile_cont(0.995) WITHIN GROUP (ORDER BY ST_X(geom)), percentile_cont(0.995) WITHIN GROUP (ORDER BY ST_Y(geom))
            FROM network.nodes
            """, conn, tx))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct) && !reader.IsDBNull(0))
            {
                return (reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3));
            }
        }

        await using var areas = new NpgsqlCommand(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) AS e FROM places.areas WHERE kind = 'lsoa' AND name LIKE $1 || '%') s",
            conn, tx);
        areas.Parameters.AddWithValue(fallbackAreaPrefix);
        await using var r2 = await areas.ExecuteReaderAsync(ct);
        return await r2.ReadAsync(ct) && !r2.IsDBNull(0) ? (r2.GetDouble(0), r2.GetDouble(1), r2.GetDouble(2), r2.GetDouble(3)) : null;
    }

    /// <summary>Calls the shared <c>places.ensure_hex_grid(size, extent)</c> over a box; returns cells added.</summary>
    public static async Task<int> EnsureHexGridAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int sizeM, (double MinX, double MinY, double MaxX, double MaxY) box, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT places.ensure_hex_grid($1, ST_MakeEnvelope($2, $3, $4, $5, 27700))", conn, tx);
        AddValues(cmd, sizeM, box.MinX, box.MinY, box.MaxX, box.MaxY);
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Bulk-inserts dwellings (binary COPY through a temporary table); existing (source, ref) are kept. Returns rows added.</summary>
    public static async Task<int> InsertDwellingsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IEnumerable<DwellingPoint> dwellings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(dwellings);
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE IF NOT EXISTS dwellings_in (source text, source_ref text, area_code text, e float8, n float8) ON COMMIT DROP; TRUNCATE dwellings_in", conn, tx))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var copy = await conn.BeginBinaryImportAsync("COPY dwellings_in (source, source_ref, area_code, e, n) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var d in dwellings)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(d.Source, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(d.SourceRef, NpgsqlDbType.Text, ct);
                if (d.AreaCode is null)
                {
                    await copy.WriteNullAsync(ct);
                }
                else
                {
                    await copy.WriteAsync(d.AreaCode, NpgsqlDbType.Text, ct);
                }

                await copy.WriteAsync(d.Easting, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(d.Northing, NpgsqlDbType.Double, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO places.dwellings (source, source_ref, area_code, geom)
            SELECT source, source_ref, area_code, ST_SetSRID(ST_MakePoint(e, n), 27700) FROM dwellings_in
            ON CONFLICT (source, source_ref) DO NOTHING
            """, conn, tx);
        return await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Sets <c>area_code</c> of dwellings without one to the LSOA containing them; returns rows set.</summary>
    public static async Task<int> AssignDwellingAreasAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            UPDATE places.dwellings d SET area_code = a.code
            FROM places.areas a
            WHERE d.area_code IS NULL AND a.kind = 'lsoa' AND ST_Intersects(a.geom, d.geom)
            """, conn, tx);
        cmd.CommandTimeout = 600;
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>LSOAs that intersect the box and hold no dwelling.</summary>
    public static async Task<IReadOnlyList<string>> LsoasWithoutDwellingsAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, (double MinX, double MinY, double MaxX, double MaxY) box, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT a.code FROM places.areas a
            WHERE a.kind = 'lsoa' AND a.geom && ST_MakeEnvelope($1, $2, $3, $4, 27700)
              AND NOT EXISTS (SELECT 1 FROM places.dwellings d WHERE d.area_code = a.code)
            ORDER BY a.code
            """, conn, tx);
        AddValues(cmd, box.MinX, box.MinY, box.MaxX, box.MaxY);
        var codes = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }

    /// <summary>Facilities per kind (for reports).</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountFacilitiesByKindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT kind, count(*) FROM places.facilities GROUP BY kind ORDER BY kind", conn, tx);
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetString(0)] = reader.GetInt64(1);
        }

        return result;
    }

    private static void AddValues(NpgsqlCommand cmd, params object?[] values)
    {
        foreach (var v in values)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
        }
    }
}
