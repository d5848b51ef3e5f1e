namespace CohesionGeo.GeoEngine.Routing;

/// <summary>A search start: vertex <paramref name="Node"/> already reached after <paramref name="Seconds"/> (e.g. the partial edge from a linked point).</summary>
/// <param name="Node">Vertex index in the graph.</param>
/// <param name="Seconds">Seconds already spent on arrival (≥ 0, finite).</param>
public readonly record struct Seed(int Node, float Seconds);
