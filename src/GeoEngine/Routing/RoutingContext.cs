using System.Collections.Concurrent;
using System.Security.Cryptography;
using CohesionGeo.GeoEngine.Network;

namespace CohesionGeo.GeoEngine.Routing;

/// <summary>
/// Everything a server keeps per loaded graph, shared across requests and threads: one
/// <see cref="PointLinker"/> per mode (built on first use), a pool of <see cref="DijkstraSearch"/>
/// buffers, and a bounded cache of linked point sets (link once per point set and mode).
/// </summary>
public sealed class RoutingContext
{
    private const int LinkCacheLimit = 512;
    private readonly Lazy<PointLinker>[] _linkers;
    private readonly ConcurrentBag<DijkstraSearch> _searches = [];
    private readonly ConcurrentDictionary<string, LinkedPointSet> _links = new(StringComparer.Ordinal);

    public RoutingContext(RoutingGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Graph = graph;
        _linkers = TravelModes.All.Select(m => new Lazy<PointLinker>(() => new PointLinker(graph, m), LazyThreadSafetyMode.ExecutionAndPublication)).ToArray();
    }

    /// <summary>The graph.</summary>
    public RoutingGraph Graph { get; }

    /// <summary>The linker of a mode (built on first call, then shared).</summary>
    public PointLinker Linker(TravelMode mode) => _linkers[(int)mode].Value;

    /// <summary>Takes a search from the pool (or makes one); give it back with <see cref="Return"/>.</summary>
    public DijkstraSearch RentSearch() => _searches.TryTake(out var s) ? s : new DijkstraSearch(Graph);

    /// <summary>Returns a search to the pool.</summary>
    public void Return(DijkstraSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (ReferenceEquals(search.Graph, Graph) && _searches.Count < Environment.ProcessorCount * 2)
        {
            _searches.Add(search);
        }
    }

    /// <summary>
    /// Links points (EPSG:27700) for a mode, reusing an earlier result for the same points, mode and limit.
    /// </summary>
    /// <exception cref="PointLinkException">A point cannot be linked (its index is in the exception).</exception>
    public LinkedPointSet Link(TravelMode mode, IReadOnlyList<(double X, double Y)> points, double maxLinkMetres = PointLinker.DefaultMaxLinkMetres)
    {
        ArgumentNullException.ThrowIfNull(points);
        var key = Key(mode, points, maxLinkMetres);
        if (_links.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var linked = Linker(mode).LinkAll(points, maxLinkMetres);
        if (_links.Count >= LinkCacheLimit)
        {
            _links.Clear();
        }

        _links[key] = linked;
        return linked;
    }

    private static string Key(TravelMode mode, IReadOnlyList<(double X, double Y)> points, double max)
    {
        var bytes = new double[(points.Count * 2) + 2];
        bytes[0] = (int)mode;
        bytes[1] = max;
        for (var i = 0; i < points.Count; i++)
        {
            bytes[2 + (2 * i)] = points[i].X;
            bytes[3 + (2 * i)] = points[i].Y;
        }

        return Convert.ToBase64String(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(bytes.AsSpan())));
    }
}
