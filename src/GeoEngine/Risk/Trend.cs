namespace CohesionGeo.GeoEngine.Risk;

/// <summary>
/// Recent against baseline: the monthly mean of the last <see cref="RecentMonths"/> months against the
/// monthly mean of the <see cref="BaselineMonths"/> months before them (12 months in all, oldest first).
/// Ratio &gt; 1 means rising. The ratio is null when the baseline is zero.
/// </summary>
public static class Trend
{
    public const int RecentMonths = 3;
    public const int BaselineMonths = 9;

    /// <param name="monthly">Counts for 12 consecutive months, oldest first.</param>
    public static TrendResult Of(ReadOnlySpan<long> monthly)
    {
        if (monthly.Length != RecentMonths + BaselineMonths)
        {
            throw new ArgumentException($"expected {RecentMonths + BaselineMonths} months, got {monthly.Length}", nameof(monthly));
        }

        long baseline = 0, recent = 0;
        for (var i = 0; i < BaselineMonths; i++)
        {
            baseline += monthly[i];
        }

        for (var i = BaselineMonths; i < monthly.Length; i++)
        {
            recent += monthly[i];
        }

        var recentMean = recent / (double)RecentMonths;
        var baselineMean = baseline / (double)BaselineMonths;
        return new TrendResult(recent, baseline, recentMean, baselineMean, baseline == 0 ? null : recentMean / baselineMean);
    }
}
