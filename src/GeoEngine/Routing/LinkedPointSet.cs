using CohesionGeo.GeoEngine.Network;

namespace CohesionGeo.GeoEngine.Routing;

/// <summary>
/// Points linked to one graph for one mode (see <see cref="PointLinker"/>): link once, keep,
/// and reuse for every search. Turns a point into search seeds and reads a point's time off a finished
/// search, both through the partial edge at the foot and the walked off-network leg.
/// </summary>
public sealed class LinkedPointSet
{
    private readonly LinkedPoint[] _points;

    public LinkedPointSet(RoutingGraph graph, TravelMode mode, LinkedPoint[] points)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(points);
        Graph = graph;
        Mode = mode;
        _points = points;
    }

    /// <summary>The graph the points are linked to.</summary>
    public RoutingGraph Graph { get; }

    /// <summary>The mode whose edges the points are linked to.</summary>
    public TravelMode Mode { get; }

    /// <summary>Number of points.</summary>
    public int Count => _points.Length;

    /// <summary>The linked points.</summary>
    public ReadOnlySpan<LinkedPoint> Points => _points;

    /// <summary>The <paramref name="index"/>-th point.</summary>
    public LinkedPoint this[int index] => _points[index];

    /// <summary>
    /// Seeds for leaving point <paramref name="index"/> (a forward search from it): its edge's two ends,
    /// each with the off-network leg plus the partial edge. Writes up to 2 seeds; returns how many.
    /// </summary>
    public int LeavingSeeds(int index, TravelSettings settings, Span<Seed> into)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var p = _points[index];
        var scale = settings.CostScale(Mode);
        var off = settings.OffNetworkSeconds(p.OffsetMetres);
        var toSource = Partial(p.Fraction, Graph.EdgeSeconds(p.Edge, Mode, reverse: true)) * scale;
        var toTarget = Partial(1 - p.Fraction, Graph.EdgeSeconds(p.Edge, Mode, reverse: false)) * scale;
        return Write(into, Graph.EdgeSource(p.Edge), off + toSource, Graph.EdgeTarget(p.Edge), off + toTarget);
    }

    /// <summary>
    /// Seeds for arriving at point <paramref name="index"/> (a reverse search to it): its edge's two ends,
    /// each with the partial edge to the foot plus the off-network leg. Writes up to 2 seeds; returns how many.
    /// </summary>
    public int ArrivingSeeds(int index, TravelSettings settings, Span<Seed> into)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var p = _points[index];
        var scale = settings.CostScale(Mode);
        var off = settings.OffNetworkSeconds(p.OffsetMetres);
        var fromSource = Partial(p.Fraction, Graph.EdgeSeconds(p.Edge, Mode, reverse: false)) * scale;
        var fromTarget = Partial(1 - p.Fraction, Graph.EdgeSeconds(p.Edge, Mode, reverse: true)) * scale;
        return Write(into, Graph.EdgeSource(p.Edge), fromSource + off, Graph.EdgeTarget(p.Edge), fromTarget + off);
    }

    /// <summary>
    /// As <see cref="LeavingSeeds(int, TravelSettings, Span{Seed})"/>, with each seed's length in <paramref name="lengthsMm"/> (millimetres: the
    /// off-network leg plus the partial edge to that end), for <see cref="DijkstraSearch.RunWithLengths"/>.
    /// </summary>
    public int LeavingSeeds(int index, TravelSettings settings, Span<Seed> into, Span<int> lengthsMm)
    {
        var n = LeavingSeeds(index, settings, into);
        SeedLengths(index, into[..n], lengthsMm);
        return n;
    }

    /// <summary>As <see cref="ArrivingSeeds(int, TravelSettings, Span{Seed})"/>, with each seed's length in <paramref name="lengthsMm"/> (millimetres).</summary>
    public int ArrivingSeeds(int index, TravelSettings settings, Span<Seed> into, Span<int> lengthsMm)
    {
        var n = ArrivingSeeds(index, settings, into);
        SeedLengths(index, into[..n], lengthsMm);
        return n;
    }

    /// <summary>
    /// As <see cref="SecondsAfter"/> after a <see cref="DijkstraSearch.RunWithLengths"/>, with the length of that
    /// route in metres (network part from <paramref name="nodeLengthsMm"/>, plus the partial edge and the
    /// off-network leg at this end); NaN metres when unreachable.
    /// </summary>
    public (float Seconds, double Metres) RouteAfter(int index, ReadOnlySpan<float> nodeSeconds, ReadOnlySpan<int> nodeLengthsMm, SearchDirection direction, TravelSettings settings)
    {
        Span<Seed> seeds = stackalloc Seed[2];
        Span<int> lengths = stackalloc int[2];
        var n = direction == SearchDirection.Forward ? ArrivingSeeds(index, settings, seeds, lengths) : LeavingSeeds(index, settings, seeds, lengths);
        var best = float.PositiveInfinity;
        var metres = double.NaN;
        for (var i = 0; i < n; i++)
        {
            var t = nodeSeconds[seeds[i].Node] + seeds[i].Seconds;
            if (t < best)
            {
                best = t;
                metres = ((long)nodeLengthsMm[seeds[i].Node] + lengths[i]) / 1000.0;
            }
        }

        return (best, metres);
    }

    /// <summary>
    /// Length in metres of the route <see cref="AlongSharedEdgeSeconds"/> times: the part of the shared edge between
    /// the two feet plus both off-network legs (NaN when they are on different edges or the graph holds no lengths).
    /// </summary>
    public static double AlongSharedEdgeMetres(RoutingGraph graph, LinkedPoint from, LinkedPoint to)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return from.Edge != to.Edge || !graph.HasLengths
            ? double.NaN
            : (Math.Abs(to.Fraction - from.Fraction) * graph.EdgeLengthMetres(from.Edge)) + from.OffsetMetres + to.OffsetMetres;
    }

    /// <summary>
    /// Seeds for leaving any of the points (a forward multi-source search: "time from the nearest of
    /// these"), up to two per point.
    /// </summary>
    public Seed[] LeavingSeedsOfAll(TravelSettings settings) => AllSeeds(settings, leaving: true);

    /// <summary>
    /// Seeds for arriving at any of the points (a reverse multi-source search: "time to the nearest of
    /// these", e.g. every GP of a kind), up to two per point.
    /// </summary>
    public Seed[] ArrivingSeedsOfAll(TravelSettings settings) => AllSeeds(settings, leaving: false);

    /// <summary>
    /// Seconds to point <paramref name="index"/> after a search: after a forward search, the time to
    /// arrive there; after a reverse search, the time to leave it and reach the seeds. +∞ = unreachable.
    /// Does not include the shortcut along a shared edge (see <see cref="AlongSharedEdgeSeconds"/>).
    /// </summary>
    public float SecondsAfter(int index, ReadOnlySpan<float> nodeSeconds, SearchDirection direction, TravelSettings settings)
    {
        Span<Seed> seeds = stackalloc Seed[2];
        var n = direction == SearchDirection.Forward ? ArrivingSeeds(index, settings, seeds) : LeavingSeeds(index, settings, seeds);
        var best = float.PositiveInfinity;
        for (var i = 0; i < n; i++)
        {
            best = MathF.Min(best, nodeSeconds[seeds[i].Node] + seeds[i].Seconds);
        }

        return best;
    }

    /// <summary>
    /// Seconds from <paramref name="from"/> to <paramref name="to"/> staying on the one edge both are
    /// linked to (+∞ when they are on different edges or the edge is one-way against it). Includes both
    /// off-network legs.
    /// </summary>
    public static float AlongSharedEdgeSeconds(RoutingGraph graph, TravelMode mode, LinkedPoint from, LinkedPoint to, TravelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(settings);
        if (from.Edge != to.Edge)
        {
            return float.PositiveInfinity;
        }

        var scale = settings.CostScale(mode);
        var along = to.Fraction >= from.Fraction
            ? (float)(to.Fraction - from.Fraction) * graph.EdgeSeconds(from.Edge, mode, reverse: false)
            : (float)(from.Fraction - to.Fraction) * graph.EdgeSeconds(from.Edge, mode, reverse: true);
        if (to.Fraction == from.Fraction)
        {
            along = 0;
        }

        return (along * scale) + settings.OffNetworkSeconds(from.OffsetMetres) + settings.OffNetworkSeconds(to.OffsetMetres);
    }

    private Seed[] AllSeeds(TravelSettings settings, bool leaving)
    {
        var all = new List<Seed>(2 * _points.Length);
        Span<Seed> two = stackalloc Seed[2];
        for (var i = 0; i < _points.Length; i++)
        {
            var n = leaving ? LeavingSeeds(i, settings, two) : ArrivingSeeds(i, settings, two);
            for (var k = 0; k < n; k++)
            {
                all.Add(two[k]);
            }
        }

        return [.. all];
    }

    /// <summary>Lengths (mm) of the seeds <see cref="LeavingSeeds(int, TravelSettings, Span{Seed})"/>/<see cref="ArrivingSeeds(int, TravelSettings, Span{Seed})"/> wrote: off-network leg plus the partial edge to the seed's end.</summary>
    private void SeedLengths(int index, ReadOnlySpan<Seed> seeds, Span<int> lengthsMm)
    {
        var p = _points[index];
        var edge = Graph.EdgeLengthMetres(p.Edge);
        var source = Graph.EdgeSource(p.Edge);
        for (var i = 0; i < seeds.Length; i++)
        {
            // A seed at the source end covers the fraction from the foot back to the source, else the rest to the target.
            var part = seeds[i].Node == source && (seeds.Length == 1 || i == 0) ? p.Fraction : 1 - p.Fraction;
            lengthsMm[i] = (int)Math.Round((p.OffsetMetres + (part * edge)) * 1000);
        }
    }

    /// <summary>Seconds for a fraction of an edge; none at all (0) for a zero fraction, even on an edge closed that way.</summary>
    private static float Partial(double fraction, float edgeSeconds) => fraction <= 0 ? 0f : (float)fraction * edgeSeconds;

    private static int Write(Span<Seed> into, int a, float ta, int b, float tb)
    {
        var n = 0;
        if (float.IsFinite(ta))
        {
            into[n++] = new Seed(a, ta);
        }

        if (float.IsFinite(tb))
        {
            into[n++] = new Seed(b, tb);
        }

        return n;
    }
}
