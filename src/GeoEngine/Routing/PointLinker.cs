using CohesionGeo.GeoEngine.Network;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.LinearReferencing;

namespace CohesionGeo.GeoEngine.Routing;

/// <summary>
/// Joins points (EPSG:27700) to the nearest edge a mode may use, through an STR-tree of edge
/// geometries built once per (graph, mode). Needs a graph with geometry. Thread-safe after
/// construction. Points farther than <see cref="MaxLinkMetres"/> from any usable edge are refused
/// with a <see cref="PointLinkException"/> that gives the distance.
/// </summary>
public sealed class PointLinker
{
    /// <summary>Default furthest a point may be from the network, metres.</summary>
    public const double DefaultMaxLinkMetres = 1000;

    /// <summary>A foot this close to an edge's end (metres) is placed on the end vertex.</summary>
    public const double EndSnapMetres = 0.5;

    private readonly STRtree<int> _tree = new();
    private readonly RoutingGraph _graph;

    /// <summary>Indexes the edges <paramref name="mode"/> may use.</summary>
    public PointLinker(RoutingGraph graph, TravelMode mode, double maxLinkMetres = DefaultMaxLinkMetres)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!graph.HasGeometry)
        {
            throw new ArgumentException("Point linking needs a graph with edge geometry.", nameof(graph));
        }

        _graph = graph;
        Mode = mode;
        MaxLinkMetres = maxLinkMetres;
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            if (graph.IsPassable(e, mode) && graph.EdgeGeometry(e) is { } line)
            {
                _tree.Insert(line.EnvelopeInternal, e);
            }
        }

        _tree.Build();
    }

    /// <summary>The mode whose edges are indexed.</summary>
    public TravelMode Mode { get; }

    /// <summary>Furthest a point may be from a usable edge, metres.</summary>
    public double MaxLinkMetres { get; }

    /// <summary>The graph linked to.</summary>
    public RoutingGraph Graph => _graph;

    /// <summary>Links one point (EPSG:27700 metres).</summary>
    /// <exception cref="PointLinkException">Not finite, no usable edge, or farther than <see cref="MaxLinkMetres"/>.</exception>
    public LinkedPoint Link(double x, double y) => Link(x, y, MaxLinkMetres);

    /// <summary>Links one point (EPSG:27700 metres) with a per-call distance limit, metres.</summary>
    /// <exception cref="PointLinkException">Not finite, no usable edge, or farther than <paramref name="maxLinkMetres"/>.</exception>
    public LinkedPoint Link(double x, double y, double maxLinkMetres)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            throw new PointLinkException("The point's coordinates are not finite numbers.");
        }

        if (_tree.Count == 0)
        {
            throw new PointLinkException($"The network has no edge usable by {Mode.ToWire()}.");
        }

        var query = new Envelope(x, x, y, y);
        var nearest = _tree.NearestNeighbour(query, -1, new EdgeDistance(_graph));
        var line = _graph.EdgeGeometry(nearest)!;
        var p = new Coordinate(x, y);
        var indexed = new LengthIndexedLine(line);
        var at = indexed.Project(p);
        var foot = indexed.ExtractPoint(at);
        var offset = p.Distance(foot);
        if (offset > maxLinkMetres)
        {
            throw new PointLinkException(
                $"The point is {FormatDistance(offset)} from the nearest road or path usable by {Mode.ToWire()} (the limit is {maxLinkMetres:0} m).")
            {
                DistanceMetres = offset,
            };
        }

        // A foot within EndSnapMetres of an end is taken to be at that vertex (no partial edge), so a
        // point on a vertex is not held to the direction of whichever incident edge happened to be nearest.
        var length = line.Length;
        var fraction = length > 0 ? Math.Clamp(at / length, 0, 1) : 0;
        if (at < EndSnapMetres)
        {
            fraction = 0;
        }
        else if (length - at < EndSnapMetres)
        {
            fraction = 1;
        }

        return new LinkedPoint(nearest, fraction, offset, x, y, foot.X, foot.Y);
    }

    /// <summary>Links every point; the result is meant to be kept and reused (link once per point set).</summary>
    /// <exception cref="PointLinkException">The first point that cannot be linked, with its index.</exception>
    public LinkedPointSet LinkAll(IReadOnlyList<(double X, double Y)> points) => LinkAll(points, MaxLinkMetres);

    /// <summary>Links every point with a distance limit in metres.</summary>
    /// <exception cref="PointLinkException">The first point that cannot be linked, with its index.</exception>
    public LinkedPointSet LinkAll(IReadOnlyList<(double X, double Y)> points, double maxLinkMetres)
    {
        ArgumentNullException.ThrowIfNull(points);
        var linked = new LinkedPoint[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            try
            {
                linked[i] = Link(points[i].X, points[i].Y, maxLinkMetres);
            }
            catch (PointLinkException ex)
            {
                throw new PointLinkException(ex.Message, ex) { PointIndex = i, DistanceMetres = ex.DistanceMetres };
            }
        }

        return new LinkedPointSet(_graph, Mode, linked);
    }

    private static string FormatDistance(double metres) =>
        metres >= 10_000 ? $"{metres / 1000:0} km" : metres >= 1000 ? $"{metres / 1000:0.0} km" : $"{metres:0} m";

    // NTS 2.6's DistanceComputer.PointToSegmentString overwrites the sequence's first coordinate: computed by hand here.
    private static double PointToLine(double px, double py, CoordinateSequence seq)
    {
        var best = double.PositiveInfinity;
        for (var i = 1; i < seq.Count; i++)
        {
            double ax = seq.GetX(i - 1), ay = seq.GetY(i - 1), bx = seq.GetX(i), by = seq.GetY(i);
            double dx = bx - ax, dy = by - ay;
            var len2 = (dx * dx) + (dy * dy);
            var t = len2 > 0 ? Math.Clamp((((px - ax) * dx) + ((py - ay) * dy)) / len2, 0, 1) : 0;
            double cx = ax + (t * dx) - px, cy = ay + (t * dy) - py;
            best = Math.Min(best, (cx * cx) + (cy * cy));
        }

        return Math.Sqrt(best);
    }

    private sealed class EdgeDistance(RoutingGraph graph) : IItemDistance<Envelope, int>
    {
        public double Distance(IBoundable<Envelope, int> item1, IBoundable<Envelope, int> item2)
        {
            var (query, edge) = item1.Item < 0 ? (item1, item2) : (item2, item1);
            var line = graph.EdgeGeometry(edge.Item)!;
            return PointToLine(query.Bounds.MinX, query.Bounds.MinY, line.CoordinateSequence);
        }
    }
}
