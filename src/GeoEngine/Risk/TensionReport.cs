namespace CohesionGeo.GeoEngine.Risk;

/// <summary>
/// A community tension report as validated: date, tier (evidenced / experienced / potential), level
/// 1–6, theme, and an area code or a point (WGS84 lon/lat), summary and reporting partner.
/// <see cref="Synthetic"/> marks made-up demo rows; they say so wherever they are shown.
/// </summary>
public sealed record TensionReport(
    DateOnly ReportedOn, string Tier, int Level, string Theme, string? AreaCode, double? Lon, double? Lat, string? Summary, string? Partner, bool Synthetic);
