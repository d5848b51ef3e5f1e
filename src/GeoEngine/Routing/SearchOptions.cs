namespace CohesionGeo.GeoEngine.Routing;

/// <summary>Options of one Dijkstra run.</summary>
/// <param name="Direction">Forward (from seeds) or reverse (to seeds).</param>
/// <param name="CutoffSeconds">Vertices farther than this are not reached (+∞ = whole component).</param>
/// <param name="CostScale">Multiplies every edge cost (e.g. 4.8 / walk_speed_kmh for slower walkers); 1 by default.</param>
public readonly record struct SearchOptions(SearchDirection Direction = SearchDirection.Forward, float CutoffSeconds = float.PositiveInfinity, float CostScale = 1f)
{
    /// <summary>Forward, no cutoff, unit scale.</summary>
    public static SearchOptions Default => new(SearchDirection.Forward, float.PositiveInfinity, 1f);
}
