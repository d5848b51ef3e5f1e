namespace CohesionGeo.GeoEngine.Accessibility;

/// <summary>An area's place in the isolation ranking (1 = most isolated), its index (0–100) and the figures behind it.</summary>
public sealed record IsolationRank(int Rank, double Index, IsolationArea Area, IReadOnlyList<IsolationComponent> Components);
