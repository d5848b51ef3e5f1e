namespace CohesionGeo.GeoEngine.Assessment;

/// <summary>A raised flag: its id and a sentence naming the figure and the threshold.</summary>
public sealed record SiteFlag(string Id, string Why);
