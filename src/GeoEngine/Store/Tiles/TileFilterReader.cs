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
    /// Facility kinds and travel modes with at least one area time (LSOA or hex), kinds in <paramref name="kindOrder"/>
    /// order then any others alphabetically; modes in <paramref name="modeOrder"/> order.
    /// </summary>
    public static async Task<IReadOnlyList<(string Kind, IReadOnlyList<string> Modes)>> AccessSurfacesAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<string> kindOrder, IReadOnlyList<string> modeOrder, CancellationToken ct)
    {
        var pairs = new List<(string Kind, string Mode)>();
        await using (var cmd = dataSource.CreateCommand("SELECT DISTINCT kind, mode FROM access.area_stats WHERE median_s IS NOT NULL"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                pairs.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        static int Rank(IReadOnlyList<string> order, string value)
        {
            for (var i = 0; i < order.Count; i++)
            {
                if (string.Equals(order[i], value, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return int.MaxValue;
        }

        return [.. pairs.Where(p => Rank(modeOrder, p.Mode) != int.MaxValue)
            .GroupBy(p => p.Kind, StringComparer.Ordinal)
            .OrderBy(g => Rank(kindOrder, g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(p => p.Mode).OrderBy(m => Rank(modeOrder, m))]))];
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
