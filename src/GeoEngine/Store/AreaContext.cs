namespace CohesionGeo.GeoEngine.Store;

/// <summary>An LSOA of <c>places.areas</c>: code, names (en/cy), population, rural-urban class and WIMD 2019 rank (1 = most deprived).</summary>
public sealed record AreaContext(string Code, string? Name, string? NameCy, int? Population, string? Ruc, int? WimdRank);
