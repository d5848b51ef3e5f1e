using CohesionGeo.GeoEngine.Network;

namespace CohesionGeo.GeoEngine.Routing;

/// <summary>
/// Origin × destination travel times over one mode: one search per origin (forward) or, when there
/// are fewer destinations, one reverse search per destination; a pair on the same edge may also go
/// straight along it. Seconds as float; +∞ = unreachable (or beyond the cutoff).
/// </summary>
public static class TravelTimeMatrix
{
    /// <summary>Computes <c>seconds[origin][destination]</c>.</summary>
    /// <param name="origins">Origins linked for the mode.</param>
    /// <param name="destinations">Destinations linked to the same graph and mode.</param>
    /// <param name="settings">Walking speed.</param>
    /// <param name="cutoffSeconds">Times above this are +∞.</param>
    /// <param name="search">A search over the same graph to reuse (one per thread); null makes one.</param>
    public static float[][] Compute(LinkedPointSet origins, LinkedPointSet destinations, TravelSettings settings, float cutoffSeconds = float.PositiveInfinity, DijkstraSearch? search = null)
    {
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(destinations);
        ArgumentNullException.ThrowIfNull(settings);
        if (!ReferenceEquals(origins.Graph, destinations.Graph) || origins.Mode != destinations.Mode)
        {
            throw new ArgumentException("Origins and destinations must be linked to the same graph and mode.");
        }

        var graph = origins.Graph;
        var mode = origins.Mode;
        search ??= new DijkstraSearch(graph);
        if (!ReferenceEquals(search.Graph, graph))
        {
            throw new ArgumentException("The search belongs to another graph.", nameof(search));
        }

        var result = new float[origins.Count][];
        for (var i = 0; i < origins.Count; i++)
        {
            result[i] = new float[destinations.Count];
        }

        Span<Seed> seeds = stackalloc Seed[2];
        var scale = settings.CostScale(mode);
        var reverse = destinations.Count < origins.Count;
        var (from, to) = reverse ? (destinations, origins) : (origins, destinations);
        var direction = reverse ? SearchDirection.Reverse : SearchDirection.Forward;
        for (var i = 0; i < from.Count; i++)
        {
            var n = reverse ? from.ArrivingSeeds(i, settings, seeds) : from.LeavingSeeds(i, settings, seeds);
            search.Run(mode, seeds[..n], new SearchOptions(direction, cutoffSeconds, scale));
            var times = search.Seconds;
            for (var j = 0; j < to.Count; j++)
            {
                var t = to.SecondsAfter(j, times, direction, settings);
                var direct = reverse
                    ? LinkedPointSet.AlongSharedEdgeSeconds(graph, mode, to[j], from[i], settings)
                    : LinkedPointSet.AlongSharedEdgeSeconds(graph, mode, from[i], to[j], settings);
                t = MathF.Min(t, direct);
                if (t > cutoffSeconds)
                {
                    t = float.PositiveInfinity;
                }

                if (reverse)
                {
                    result[j][i] = t;
                }
                else
                {
                    result[i][j] = t;
                }
            }
        }

        return result;
    }
}
