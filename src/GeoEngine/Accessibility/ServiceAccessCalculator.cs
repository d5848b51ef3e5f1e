using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;

namespace CohesionGeo.GeoEngine.Accessibility;

/// <summary>
/// Computes <see cref="ServiceAccess"/> for one (service kind, mode) on one graph:
/// <list type="bullet">
/// <item>the time to the nearest facility: ONE multi-source reverse Dijkstra seeded at every facility
/// (through its partial edge and walked off-network leg), read at each origin through its own link;
/// an origin on the same edge as a facility may also go straight along it;</item>
/// <item>the counts within 15 and 30 minutes: one reverse search per facility with a 30-minute cutoff,
/// visiting only the origins linked to the vertices it reached (a vertex → origins index), so the
/// work is proportional to what each search reaches, not to all origins.</item>
/// </list>
/// Origins and facilities must be linked to the same graph and mode. Searches run on
/// <c>workers</c> threads, one <see cref="DijkstraSearch"/> each; the per-facility loop
/// allocates nothing but its thread-local pair list.
/// </summary>
public static class ServiceAccessCalculator
{
    /// <summary>15 minutes, seconds.</summary>
    public const float Seconds15 = 15 * 60;

    /// <summary>30 minutes, seconds.</summary>
    public const float Seconds30 = 30 * 60;

    /// <param name="origins">Dwellings (or any origins) linked for the mode.</param>
    /// <param name="facilities">Facilities of one kind linked to the same graph and mode.</param>
    /// <param name="settings">Walking speed (off-network legs; walk edge scale).</param>
    /// <param name="catchmentSeconds">When set, every (origin, facility) pair within it is returned in <see cref="ServiceAccess.Pairs"/>; must be ≤ 30 min.</param>
    /// <param name="workers">Threads for the per-facility searches (≥ 1).</param>
    public static ServiceAccess Compute(LinkedPointSet origins, LinkedPointSet facilities, TravelSettings settings, float? catchmentSeconds = null, int workers = 1)
    {
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(facilities);
        ArgumentNullException.ThrowIfNull(settings);
        if (!ReferenceEquals(origins.Graph, facilities.Graph) || origins.Mode != facilities.Mode)
        {
            throw new ArgumentException("Origins and facilities must be linked to the same graph and mode.");
        }

        if (catchmentSeconds is > Seconds30)
        {
            throw new ArgumentOutOfRangeException(nameof(catchmentSeconds), "The catchment may not exceed 30 minutes.");
        }

        var graph = origins.Graph;
        var mode = origins.Mode;
        var n = origins.Count;
        var nearest = new float[n];
        var within15 = new int[n];
        var within30 = new int[n];
        Array.Fill(nearest, float.PositiveInfinity);
        if (facilities.Count == 0 || n == 0)
        {
            return new ServiceAccess(nearest, within15, within30, []);
        }

        var scale = settings.CostScale(mode);
        var byEdge = FacilitiesByEdge(facilities);

        // 1. Nearest: one multi-source reverse search.
        var search = new DijkstraSearch(graph);
        var seeds = new Seed[facilities.Count * 2];
        var count = 0;
        for (var j = 0; j < facilities.Count; j++)
        {
            count += facilities.ArrivingSeeds(j, settings, seeds.AsSpan(count));
        }

        search.Run(mode, seeds.AsSpan(0, count), new SearchOptions(SearchDirection.Reverse, float.PositiveInfinity, scale));
        var times = search.Seconds;
        for (var i = 0; i < n; i++)
        {
            var t = origins.SecondsAfter(i, times, SearchDirection.Reverse, settings);
            if (byEdge.TryGetValue(origins[i].Edge, out var onEdge))
            {
                foreach (var j in onEdge)
                {
                    t = MathF.Min(t, LinkedPointSet.AlongSharedEdgeSeconds(graph, mode, origins[i], facilities[j], settings));
                }
            }

            nearest[i] = t;
        }

        // 2. Counts (and catchment pairs): one cut-off reverse search per facility.
        var (first, list) = OriginsByVertex(origins, graph.NodeCount);
        var pairs = new List<(int, int, float)>();
        var gate = new object();
        Parallel.For(
            0,
            facilities.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) },
            () => new Worker(graph, n),
            (j, _, w) =>
            {
                w.Stamp++;
                Span<Seed> s = stackalloc Seed[2];
                var k = facilities.ArrivingSeeds(j, settings, s);
                w.Search.Run(mode, s[..k], new SearchOptions(SearchDirection.Reverse, Seconds30, scale));
                var secs = w.Search.Seconds;
                foreach (var v in w.Search.Reached)
                {
                    for (var p = first[v]; p < first[v + 1]; p++)
                    {
                        var i = list[p];
                        if (w.Seen[i] == w.Stamp)
                        {
                            continue;
                        }

                        w.Seen[i] = w.Stamp;
                        var t = origins.SecondsAfter(i, secs, SearchDirection.Reverse, settings);
                        if (origins[i].Edge == facilities[j].Edge)
                        {
                            t = MathF.Min(t, LinkedPointSet.AlongSharedEdgeSeconds(graph, mode, origins[i], facilities[j], settings));
                        }

                        if (t <= Seconds30)
                        {
                            Interlocked.Increment(ref within30[i]);
                            if (t <= Seconds15)
                            {
                                Interlocked.Increment(ref within15[i]);
                            }
                        }

                        if (catchmentSeconds is { } c && t <= c)
                        {
                            w.Pairs.Add((i, j, t));
                        }
                    }
                }

                return w;
            },
            w =>
            {
                lock (gate)
                {
                    pairs.AddRange(w.Pairs);
                }
            });

        pairs.Sort((a, b) => a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : a.Item2.CompareTo(b.Item2));
        return new ServiceAccess(nearest, within15, within30, pairs);
    }

    private static Dictionary<int, List<int>> FacilitiesByEdge(LinkedPointSet facilities)
    {
        var byEdge = new Dictionary<int, List<int>>();
        for (var j = 0; j < facilities.Count; j++)
        {
            var e = facilities[j].Edge;
            if (!byEdge.TryGetValue(e, out var l))
            {
                l = [];
                byEdge[e] = l;
            }

            l.Add(j);
        }

        return byEdge;
    }

    /// <summary>CSR index: origins whose link edge touches each vertex (each origin under both ends of its edge).</summary>
    private static (int[] First, int[] List) OriginsByVertex(LinkedPointSet origins, int nodeCount)
    {
        var graph = origins.Graph;
        var first = new int[nodeCount + 1];
        for (var i = 0; i < origins.Count; i++)
        {
            first[graph.EdgeSource(origins[i].Edge) + 1]++;
            first[graph.EdgeTarget(origins[i].Edge) + 1]++;
        }

        for (var v = 0; v < nodeCount; v++)
        {
            first[v + 1] += first[v];
        }

        var fill = (int[])first.Clone();
        var list = new int[first[nodeCount]];
        for (var i = 0; i < origins.Count; i++)
        {
            list[fill[graph.EdgeSource(origins[i].Edge)]++] = i;
            list[fill[graph.EdgeTarget(origins[i].Edge)]++] = i;
        }

        return (first, list);
    }

    private sealed class Worker(RoutingGraph graph, int origins)
    {
        public DijkstraSearch Search { get; } = new(graph);

        public int[] Seen { get; } = new int[origins];

        public int Stamp { get; set; }

        public List<(int, int, float)> Pairs { get; } = [];
    }
}
