using CohesionGeo.GeoEngine.Accessibility;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>One <c>access.area_stats</c> row to write.</summary>
public sealed record AreaStatRow(string AreaCode, AreaAccessSummary Summary);
