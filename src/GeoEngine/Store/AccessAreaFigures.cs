namespace CohesionGeo.GeoEngine.Store;

/// <summary>One stored <c>access.area_stats</c> row joined with its area's context (for the isolation ranking).</summary>
public sealed record AccessAreaFigures(
    string AreaCode, string? Name, string? Ruc, int? WimdRank, string Kind, string Mode, int Dwellings, double? MedianSeconds, double ShareOver15, double ShareOver30);
