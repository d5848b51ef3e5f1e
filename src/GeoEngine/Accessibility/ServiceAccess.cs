namespace CohesionGeo.GeoEngine.Accessibility;

/// <summary>
/// Access from every origin to one service kind over one mode. Arrays are indexed by origin.
/// Seconds are float; +∞ = no facility reachable. Counts are facilities reachable within 15 and 30
/// minutes. <see cref="Pairs"/> holds every (origin, facility, seconds) within the catchment when asked
/// for (two-step floating catchment), else is empty.
/// </summary>
public sealed record ServiceAccess(float[] NearestSeconds, int[] Within15, int[] Within30, IReadOnlyList<(int Origin, int Facility, float Seconds)> Pairs);
