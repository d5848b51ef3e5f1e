namespace CohesionGeo.GeoApi.Tiles;

/// <summary>One service kind with accessibility results and the travel modes they exist for.</summary>
public sealed record AccessSurface(string Kind, IReadOnlyList<string> Modes);
