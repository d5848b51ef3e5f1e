namespace CohesionGeo.GeoEngine.Assessment;

/// <summary>
/// What the flags of one site rest on. Minutes are null when nothing of the kind is reachable, or when the
/// mode was not computed (<c>…Known = false</c>).
/// </summary>
public sealed record SiteFlagInputs(
    double? GpWalkMinutes, double? GpTransitMinutes, bool TransitKnown,
    double? YouthClubWalkMinutes, double? YouthClubTransitMinutes,
    double? AsbPerKm2, double? AreaAsbPercentilePerKm2,
    string? AreaCode, int? MaxRecentTensionLevel, DateOnly? MaxRecentTensionDate);
