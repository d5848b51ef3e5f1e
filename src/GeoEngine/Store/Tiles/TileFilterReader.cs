using Npgsql;

namespace CohesionGeo.GeoEngine.Store.Tiles;

/// <summary>
/// What the map's filters may offer: the month span of the month-filtered layers and the service kinds and modes
/// with accessibility results (<c>access.area_stats</c>), read from PostGIS. Nothing here takes request input.
/// </summary>
public static class TileFilterReader
{
    /// <summary>First and last month (first of the month) holding incidents, or null when none are loaded.</summary>
    public static Task<(DateOnly First, DateOnly Last)?> IncidentMonthsAsync(NpgsqlDataSource dataSource, CancellationToken ct) =>
        SpanAsync(dataSource, "SELECT min(month), max(month) FROM risk.incidents", ct);

    /// <summary>First and last month holding tension reports (restricted: ask only for callers who may see tension).</summary>
    public static Task<(DateOnly First, DateOnly Last)?> TensionMonthsAsync(NpgsqlDataSource dataSource, CancellationToken ct) =>
        SpanAsync(dataSource, "SELECT date_trunc('month', min(reported_on))::date, date_trunc('month', max(reported_on))::date FROM risk.tension_reports", ct);

    /// <summary>
    /// Of the given kinds × modes (the attributes the access tiles carry), those with at least one area time (LSOA
    /// or hex) in <c>access.area_stats</c>: kinds in <paramref name="kinds"/> order, each with its modes in
    /// <paramref name="modes"/> order. One primary-key probe per pair, so it stays cheap however many areas there are.
    /// </summary>
    public static async Task<IReadOnlyList<(string Kind, IReadOnlyList<string> Modes)>> AccessSurfacesAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<string> kinds, IReadOnlyList<string> modes, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT k.kind, m.mode
            FROM unnest($1::text[]) WITH ORDINALITY AS k(kind, ki), unnest($2::text[]) WITH ORDINALITY AS m(mode, mi)
            WHERE EXISTS (SELECT 1 FROM access.area_stats AS s WHERE s.kind = k.kind AND s.mode = m.mode AND s.median_s IS NOT NULL)
            ORDER BY k.ki, m.mi
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = kinds.ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = modes.ToArray() });
        var result = new List<(string Kind, IReadOnlyList<string> Modes)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var kind = reader.GetString(0);
            if (result.Count == 0 || !string.Equals(result[^1].Kind, kind, StringComparison.Ordinal))
            {
                result.Add((kind, new List<string>()));
            }

            ((List<string>)result[^1].Modes).Add(reader.GetString(1));
        }

        return result;
    }

    private static async Task<(DateOnly First, DateOnly Last)?> SpanAsync(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.IsDBNull(0))
        {
            return null;
        }

        return (reader.GetFieldValue<DateOnly>(0), reader.GetFieldValue<DateOnly>(1));
    }
}
