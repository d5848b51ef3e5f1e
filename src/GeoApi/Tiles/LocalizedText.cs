namespace CohesionGeo.GeoApi.Tiles;

/// <summary>A label in English and Welsh (Cymraeg).</summary>
public sealed record LocalizedText(string En, string Cy);
