namespace CohesionGeo.GeoEngine.Accessibility;

/// <summary>
/// The distribution of dwelling times in one area (seconds). <see cref="Mean"/> is over reachable
/// dwellings only (null when none); <see cref="Median"/> and <see cref="P90"/> are over all dwellings with an
/// unreachable one counted as +∞, so they are null when the percentile falls on an unreachable dwelling.
/// Median: the middle value (mean of the two middle values for an even count). P90: nearest rank,
/// the value at rank ⌈0.9·n⌉. Shares count unreachable dwellings as beyond 15/30 minutes.
/// </summary>
public sealed record AreaAccessSummary(int Dwellings, int Reachable, double? Mean, double? Median, double? P90, double ShareOver15, double ShareOver30);
