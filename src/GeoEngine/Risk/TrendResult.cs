namespace CohesionGeo.GeoEngine.Risk;

/// <summary>Counts and monthly means of the recent and baseline periods, and their ratio.</summary>
public sealed record TrendResult(long Recent, long Baseline, double RecentMonthlyMean, double BaselineMonthlyMean, double? Ratio);
