using CohesionGeo.GeoEngine.Risk;

namespace CohesionGeo.GeoEngine.Assessment;

/// <summary>
/// Joins the isolation ranking with the tension register and police.uk ASB per area (issue 8, "isolated
/// communities"). Tension index: <see cref="TensionIndex"/> (28-day half-life) as of <c>asOf</c> and as of
/// <c>asOf − days</c>, each over the reports dated on or before that day. Nothing here is a prediction.
/// </summary>
public static class IsolatedCommunities
{
    /// <param name="ranked">(rank, code, name, isolation index), rank 1 = most isolated.</param>
    /// <param name="isolatedShare">Share of ranked areas counted as isolated (0–1]: ranks up to ⌈share × n⌉.</param>
    /// <param name="reports">Tension reports (area code, date, level, tier) dated on or before <paramref name="asOf"/>.</param>
    /// <param name="asOf">The register's as-of date.</param>
    /// <param name="days">How far back "before" is, days.</param>
    /// <param name="asbMonthly">ASB rows per area for 12 months, oldest first (missing = none).</param>
    public static IReadOnlyList<IsolatedCommunity> Join(
        IReadOnlyList<(int Rank, string Code, string? Name, double Index)> ranked, double isolatedShare,
        IReadOnlyList<(string AreaCode, DateOnly Date, int Level, string Tier)> reports, DateOnly asOf, int days,
        IReadOnlyDictionary<string, long[]> asbMonthly)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(asbMonthly);
        var cut = (int)Math.Ceiling(isolatedShare * ranked.Count);
        var byArea = reports.GroupBy(r => r.AreaCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var before = asOf.AddDays(-days);
        var result = new List<IsolatedCommunity>(ranked.Count);
        foreach (var (rank, code, name, index) in ranked)
        {
            var mine = byArea.GetValueOrDefault(code) ?? [];
            var now = Index(mine, asOf);
            var then = Index(mine.Where(r => r.Date <= before).ToList(), before);
            var monthly = asbMonthly.GetValueOrDefault(code);
            var trend = monthly is { Length: 12 } ? Trend.Of(monthly) : null;
            result.Add(new IsolatedCommunity(
                rank, code, name, index, rank <= cut, now, then, now > then, mine.Count,
                monthly?.Sum() ?? 0, trend, trend?.Ratio is > 1 || (trend is { Ratio: null, Recent: > 0 })));
        }

        return result;
    }

    private static double Index(List<(string AreaCode, DateOnly Date, int Level, string Tier)> reports, DateOnly asOf)
    {
        if (reports.Count == 0)
        {
            return 0;
        }

        var ages = reports.Select(r => (double)(asOf.DayNumber - r.Date.DayNumber)).ToArray();
        var levels = reports.Select(r => r.Level).ToArray();
        var weights = reports.Select(r => TensionIndex.TierWeight(r.Tier)).ToArray();
        return TensionIndex.Of(ages, levels, weights);
    }
}
