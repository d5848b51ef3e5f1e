namespace CohesionGeo.GeoEngine.Assessment;

/// <summary>
/// Thresholds of the dispersal-site flags (from options, validated at start-up).
/// </summary>
/// <param name="GpMinutes">Flag when the nearest GP is further than this by walk and by public transport, minutes.</param>
/// <param name="YouthClubMinutes">Flag when no youth club is within this by walk or public transport, minutes.</param>
/// <param name="AsbPercentile">Flag when the ASB density within 400 m of the site is above this percentile (0–100) of the LSOAs' ASB densities.</param>
/// <param name="TensionLevel">Flag when a tension report of this level or higher (1–6) was made in the site's LSOA …</param>
/// <param name="TensionDays">… within this many days before the register's as-of date.</param>
public sealed record SiteFlagThresholds(double GpMinutes = 30, double YouthClubMinutes = 30, double AsbPercentile = 90, int TensionLevel = 4, int TensionDays = 28);
