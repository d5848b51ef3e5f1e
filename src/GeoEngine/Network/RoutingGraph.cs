using NetTopologySuite.Geometries;

namespace CohesionGeo.GeoEngine.Network;

/// <summary>
/// The in-memory routing graph as flat arrays (compressed sparse rows). Vertex <c>v</c>'s
/// adjacency is the slot range <c>[FirstSlot[v], FirstSlot[v+1])</c>; each undirected edge gives one
/// slot at each end. A slot holds the neighbour and, per mode, the seconds to go there
/// (<see cref="ForwardSeconds"/>) and to come back from there (<see cref="BackwardSeconds"/>), so the
/// same arrays serve forward ("time from") and reverse ("time to") searches. Impassable is
/// <see cref="float.PositiveInfinity"/>. Costs are float seconds (±0.1 ms at an hour).
/// Edge <c>e</c> (the row order of <see cref="RoadNetwork.Edges"/>) runs from <see cref="EdgeSource"/>
/// to <c>SlotTarget[EdgeSlot[e]]</c>. Geometry (EPSG:27700) is optional and kept apart from the
/// routing arrays. Immutable once built; safe to share between threads.
/// </summary>
public sealed class RoutingGraph
{
    private readonly int[] _firstSlot;
    private readonly int[] _slotTarget;
    private readonly float[][] _forwardSeconds;
    private readonly float[][] _backwardSeconds;
    private readonly int[] _edgeSlot;
    private readonly int[] _edgeSource;
    private readonly LineString?[]? _geometry;
    private readonly int[]? _slotLengthMm;

    private RoutingGraph(int nodeCount, int[] firstSlot, int[] slotTarget, float[][] forward, float[][] backward, int[] edgeSlot, int[] edgeSource, LineString?[]? geometry, long[]? edgeIds, int[]? slotLengthMm)
    {
        _slotLengthMm = slotLengthMm;
        NodeCount = nodeCount;
        _firstSlot = firstSlot;
        _slotTarget = slotTarget;
        _forwardSeconds = forward;
        _backwardSeconds = backward;
        _edgeSlot = edgeSlot;
        _edgeSource = edgeSource;
        _geometry = geometry;
        EdgeIds = edgeIds;
    }

    /// <summary>Number of vertices.</summary>
    public int NodeCount { get; }

    /// <summary>Number of undirected edges.</summary>
    public int EdgeCount => _edgeSource.Length;

    /// <summary>Number of adjacency slots (two per undirected edge: the directed edges).</summary>
    public int SlotCount => _slotTarget.Length;

    /// <summary>CSR offsets, length <see cref="NodeCount"/> + 1.</summary>
    public ReadOnlySpan<int> FirstSlot => _firstSlot;

    /// <summary>Neighbour vertex of each slot.</summary>
    public ReadOnlySpan<int> SlotTarget => _slotTarget;

    /// <summary>Database ids of the edges (<c>network.edges.id</c>) when loaded from or written to PostGIS; else null.</summary>
    public long[]? EdgeIds { get; }

    /// <summary>
    /// Length of each slot's edge in whole millimetres (the same for both directions), for route lengths
    /// (<see cref="Routing.DijkstraSearch.RunWithLengths"/>); null when the graph was built without geometry or lengths.
    /// Kept apart from the routing arrays (not in <see cref="RoutingBytes"/>), like geometry: a time-only search never reads it.
    /// </summary>
    public ReadOnlySpan<int> SlotLengthMm => _slotLengthMm;

    /// <summary>Whether route lengths can be computed (<see cref="SlotLengthMm"/> is held).</summary>
    public bool HasLengths => _slotLengthMm is not null;

    /// <summary>Length of edge <paramref name="edge"/>, metres (whole millimetres); NaN without lengths.</summary>
    public double EdgeLengthMetres(int edge) => _slotLengthMm is null ? double.NaN : _slotLengthMm[_edgeSlot[edge]] / 1000.0;

    /// <summary>Whether edge geometry is held (needed for point linking and isochrones).</summary>
    public bool HasGeometry => _geometry is not null;

    /// <summary>Bytes held by the routing arrays (offsets, targets, costs, edge index), excluding geometry.</summary>
    public long RoutingBytes =>
        (long)_firstSlot.Length * sizeof(int) + (long)_slotTarget.Length * sizeof(int)
        + 2L * TravelModes.Count * _slotTarget.Length * sizeof(float)
        + (long)_edgeSlot.Length * sizeof(int) + (long)_edgeSource.Length * sizeof(int);

    /// <summary>Routing bytes per directed edge (slot); the design asks for at most 40.</summary>
    public double BytesPerDirectedEdge => SlotCount == 0 ? 0 : (double)RoutingBytes / SlotCount;

    /// <summary>Seconds from the slot's owner to its target for <paramref name="mode"/>; +∞ = impassable.</summary>
    public ReadOnlySpan<float> ForwardSeconds(TravelMode mode) => _forwardSeconds[(int)mode];

    /// <summary>Seconds from the slot's target back to its owner for <paramref name="mode"/>; +∞ = impassable.</summary>
    public ReadOnlySpan<float> BackwardSeconds(TravelMode mode) => _backwardSeconds[(int)mode];

    /// <summary>Source vertex of edge <paramref name="edge"/>.</summary>
    public int EdgeSource(int edge) => _edgeSource[edge];

    /// <summary>Target vertex of edge <paramref name="edge"/>.</summary>
    public int EdgeTarget(int edge) => _slotTarget[_edgeSlot[edge]];

    /// <summary>Seconds to traverse edge <paramref name="edge"/> source→target (<paramref name="reverse"/> false) or target→source; +∞ = impassable.</summary>
    public float EdgeSeconds(int edge, TravelMode mode, bool reverse) =>
        reverse ? _backwardSeconds[(int)mode][_edgeSlot[edge]] : _forwardSeconds[(int)mode][_edgeSlot[edge]];

    /// <summary>Whether <paramref name="mode"/> may use edge <paramref name="edge"/> in some direction.</summary>
    public bool IsPassable(int edge, TravelMode mode) =>
        !float.IsPositiveInfinity(EdgeSeconds(edge, mode, false)) || !float.IsPositiveInfinity(EdgeSeconds(edge, mode, true));

    /// <summary>The edge's line from source to target (EPSG:27700), or null without geometry.</summary>
    public LineString? EdgeGeometry(int edge) => _geometry?[edge];

    /// <summary>Builds the graph from a <see cref="RoadNetwork"/> (edge order kept; geometry kept).</summary>
    /// <param name="network">The network.</param>
    /// <param name="edgeIds">Optional database ids per edge.</param>
    public static RoutingGraph FromNetwork(RoadNetwork network, long[]? edgeIds = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var edges = network.Edges;
        var source = new int[edges.Count];
        var target = new int[edges.Count];
        var forward = new double[TravelModes.Count][];
        var backward = new double[TravelModes.Count][];
        for (var m = 0; m < TravelModes.Count; m++)
        {
            forward[m] = new double[edges.Count];
            backward[m] = new double[edges.Count];
        }

        var geometry = new LineString?[edges.Count];
        var anyGeometry = false;
        for (var e = 0; e < edges.Count; e++)
        {
            source[e] = edges[e].Source;
            target[e] = edges[e].Target;
            for (var m = 0; m < TravelModes.Count; m++)
            {
                forward[m][e] = edges[e].Seconds[m];
                backward[m][e] = edges[e].ReverseSeconds[m];
            }

            geometry[e] = edges[e].Geometry;
            anyGeometry |= edges[e].Geometry is not null;
        }

        return Build(network.Nodes.Count, source, target, forward, backward, anyGeometry ? geometry : null, edgeIds);
    }

    /// <summary>
    /// Builds the graph from columns. <paramref name="seconds"/>[mode][edge] and
    /// <paramref name="reverseSeconds"/>[mode][edge] are seconds; negative, NaN or infinite = impassable.
    /// The graph keeps <paramref name="source"/> (do not modify it afterwards). Edge lengths (for route lengths) are
    /// <paramref name="lengthMetres"/> when given, else the geometry's length (EPSG:27700 metres), else not held.
    /// </summary>
    public static RoutingGraph Build(int nodeCount, int[] source, int[] target, double[][] seconds, double[][] reverseSeconds, LineString?[]? geometry = null, long[]? edgeIds = null, double[]? lengthMetres = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(seconds);
        ArgumentNullException.ThrowIfNull(reverseSeconds);
        var edgeCount = source.Length;
        if (target.Length != edgeCount || seconds.Length != TravelModes.Count || reverseSeconds.Length != TravelModes.Count)
        {
            throw new ArgumentException("Edge columns must have equal lengths and one cost array per mode.");
        }

        var firstSlot = new int[nodeCount + 1];
        for (var e = 0; e < edgeCount; e++)
        {
            if ((uint)source[e] >= (uint)nodeCount || (uint)target[e] >= (uint)nodeCount)
            {
                throw new ArgumentException($"Edge {e} refers to a vertex outside 0..{nodeCount - 1}.");
            }

            firstSlot[source[e] + 1]++;
            firstSlot[target[e] + 1]++;
        }

        for (var v = 0; v < nodeCount; v++)
        {
            firstSlot[v + 1] += firstSlot[v];
        }

        var slotCount = 2 * edgeCount;
        var next = new int[nodeCount];
        Array.Copy(firstSlot, next, nodeCount);
        var slotTarget = new int[slotCount];
        var forward = new float[TravelModes.Count][];
        var backward = new float[TravelModes.Count][];
        for (var m = 0; m < TravelModes.Count; m++)
        {
            forward[m] = new float[slotCount];
            backward[m] = new float[slotCount];
        }

        if (lengthMetres is not null && lengthMetres.Length != edgeCount)
        {
            throw new ArgumentException("lengthMetres must hold one length per edge.", nameof(lengthMetres));
        }

        var withLengths = lengthMetres is not null || (geometry is not null && geometry.Length == edgeCount && Array.TrueForAll(geometry, g => g is not null));
        var slotLengthMm = withLengths ? new int[slotCount] : null;
        var edgeSlot = new int[edgeCount];
        for (var e = 0; e < edgeCount; e++)
        {
            int a = source[e], b = target[e];
            var sa = next[a]++;
            var sb = next[b]++;
            edgeSlot[e] = sa;
            if (slotLengthMm is not null)
            {
                var metres = lengthMetres?[e] ?? geometry![e]!.Length;
                if (!(metres >= 0) || !double.IsFinite(metres))
                {
                    throw new ArgumentException($"Edge {e} has length {metres}; lengths must be finite and not negative.", nameof(lengthMetres));
                }

                slotLengthMm[sa] = slotLengthMm[sb] = checked((int)Math.Round(metres * 1000));
            }

            slotTarget[sa] = b;
            slotTarget[sb] = a;
            for (var m = 0; m < TravelModes.Count; m++)
            {
                var ab = ToCost(seconds[m][e]);
                var ba = ToCost(reverseSeconds[m][e]);
                forward[m][sa] = ab;
                backward[m][sa] = ba;
                forward[m][sb] = ba;
                backward[m][sb] = ab;
            }
        }

        return new RoutingGraph(nodeCount, firstSlot, slotTarget, forward, backward, edgeSlot, source, geometry, edgeIds, slotLengthMm);
    }

    private static float ToCost(double seconds) =>
        seconds >= 0 && double.IsFinite(seconds) ? (float)seconds : float.PositiveInfinity;
}
