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
        search = SearchFor(origins, destinations, settings, search);
        var graph = origins.Graph;
        var mode = origins.Mode;

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

    /// <summary>
    /// As <see cref="Compute"/> (the same seconds, bit for bit), and the length in metres of each fastest route:
    /// network edges plus the partial edges at both ends plus both straight off-network legs, the same legs the
    /// times include (NaN = unreachable). Needs a graph with lengths (<see cref="RoutingGraph.HasLengths"/>).
    /// </summary>
    public static (float[][] Seconds, double[][] Metres) ComputeWithLengths(LinkedPointSet origins, LinkedPointSet destinations, TravelSettings settings, float cutoffSeconds = float.PositiveInfinity, DijkstraSearch? search = null)
    {
        search = SearchFor(origins, destinations, settings, search);
        var graph = origins.Graph;
        var mode = origins.Mode;

        var seconds = new float[origins.Count][];
        var metres = new double[origins.Count][];
        for (var i = 0; i < origins.Count; i++)
        {
            seconds[i] = new float[destinations.Count];
            metres[i] = new double[destinations.Count];
        }

        Span<Seed> seeds = stackalloc Seed[2];
        Span<int> seedLengths = stackalloc int[2];
        var scale = settings.CostScale(mode);
        var reverse = destinations.Count < origins.Count;
        var (from, to) = reverse ? (destinations, origins) : (origins, destinations);
        var direction = reverse ? SearchDirection.Reverse : SearchDirection.Forward;
        for (var i = 0; i < from.Count; i++)
        {
            var n = reverse ? from.ArrivingSeeds(i, settings, seeds, seedLengths) : from.LeavingSeeds(i, settings, seeds, seedLengths);
            search.RunWithLengths(mode, seeds[..n], seedLengths[..n], new SearchOptions(direction, cutoffSeconds, scale));
            for (var j = 0; j < to.Count; j++)
            {
                var (t, m) = to.RouteAfter(j, search.Seconds, search.LengthsMm, direction, settings);
                var (a, b) = reverse ? (to[j], from[i]) : (from[i], to[j]);
                var direct = LinkedPointSet.AlongSharedEdgeSeconds(graph, mode, a, b, settings);
                if (direct < t)
                {
                    t = direct;
                    m = LinkedPointSet.AlongSharedEdgeMetres(graph, a, b);
                }

                if (!(t <= cutoffSeconds))
                {
                    t = float.PositiveInfinity;
                    m = double.NaN;
                }

                var (r, c) = reverse ? (j, i) : (i, j);
                seconds[r][c] = t;
                metres[r][c] = m;
            }
        }

        return (seconds, metres);
    }

    /// <summary>Checks that both point sets share one graph and mode and that <paramref name="search"/> (or a new one) runs on it.</summary>
    private static DijkstraSearch SearchFor(LinkedPointSet origins, LinkedPointSet destinations, TravelSettings settings, DijkstraSearch? search)
    {
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(destinations);
        ArgumentNullException.ThrowIfNull(settings);
        if (!ReferenceEquals(origins.Graph, destinations.Graph) || origins.Mode != destinations.Mode)
        {
            throw new ArgumentException("Origins and destinations must be linked to the same graph and mode.");
        }

        search ??= new DijkstraSearch(origins.Graph);
        if (!ReferenceEquals(search.Graph, origins.Graph))
        {
            throw new ArgumentException("The search belongs to another graph.", nameof(search));
        }

        return search;
    }
}
