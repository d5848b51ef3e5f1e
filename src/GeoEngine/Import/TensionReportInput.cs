namespace CohesionGeo.GeoEngine.Import;

/// <summary>A tension report as received (API body or CSV row), before validation; all text.</summary>
public sealed record TensionReportInput(
    string? Date, string? Tier, string? Level, string? Theme, string? AreaCode, string? Lon, string? Lat, string? Summary, string? Partner, string? Synthetic);
