namespace CohesionGeo.GeoEngine.Assessment;

/// <summary>Rows of one police.uk category (for example "Burglary", "Anti-social behaviour").</summary>
public sealed record CategoryCount(string Category, long Count);
