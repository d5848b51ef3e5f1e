using System.Collections.Concurrent;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;

namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// Walk legs on the street network (walk profile of the <see cref="RoutingGraph"/>, EPSG:27700):
/// access is a forward Dijkstra from the origin, egress a reverse Dijkstra to the destination,
/// each cut off at <see cref="WalkSettings.MaxWalkM"/> of walking time; transfers are one Dijkstra
/// per stop cut off at <see cref="WalkSettings.MaxTransferM"/>. Stops are linked once to the nearest
/// walkable edge (within <see cref="MaxStopLinkMetres"/>). Caveat: stops that cannot be linked (the
/// feeds reach beyond the OSM extract: Cardiff, Bristol, ...) can still be ridden through, and change
/// to nearby stops by straight line × 1.3 (marked as an approximation in <see cref="Method"/>); they
/// cannot be walked to from a linked point. Thread-safe (searches are rented from the context).
/// </summary>
public sealed class StreetWalkLegs : IWalkLegs
{
    /// <summary>Farthest a stop may be from a walkable edge to be linked, metres.</summary>
    public const double MaxStopLinkMetres = 200;

    private readonly Timetable _timetable;
    private readonly RoutingContext _context;
    private readonly StraightLineWalkLegs _fallback;
    private readonly LinkedPointSet _linkedStops;
    private readonly int[] _stopOfLinked;
    private readonly int[] _linkedOfStop;
    private readonly (double X, double Y)[] _stopXy;

    // Memos of the street work per point (a site dossier asks for the same facilities' egress legs and links on every
    // request): exact (the same legs, the same link), bounded (emptied past MemoLimit entries), thread-safe.
    private readonly ConcurrentDictionary<(LonLat Point, WalkSettings Walk, SearchDirection Direction), StopLeg[]> _legMemo = new();
    private readonly ConcurrentDictionary<(LonLat Point, double MaxLinkMetres), LinkedPoint> _linkMemo = new();

    public StreetWalkLegs(Timetable timetable, RoutingContext context)
    {
        ArgumentNullException.ThrowIfNull(timetable);
        ArgumentNullException.ThrowIfNull(context);
        _timetable = timetable;
        _context = context;
        _fallback = new StraightLineWalkLegs(timetable);
        var linker = context.Linker(TravelMode.Walk);
        var extent = new NetTopologySuite.Geometries.Envelope();
        for (var e = 0; e < context.Graph.EdgeCount; e++)
        {
            if (context.Graph.EdgeGeometry(e) is { } line)
            {
                extent.ExpandToInclude(line.EnvelopeInternal);
            }
        }

        extent.ExpandBy(MaxStopLinkMetres);
        var linked = new List<LinkedPoint>();
        var stopOfLinked = new List<int>();
        _linkedOfStop = new int[timetable.StopCount];
        _stopXy = new (double, double)[timetable.StopCount];
        for (var s = 0; s < timetable.StopCount; s++)
        {
            _linkedOfStop[s] = -1;
            var p = timetable.StopPositions[s];
            if (double.IsNaN(p.Lat))
            {
                _stopXy[s] = (double.NaN, double.NaN);
                continue;
            }

            _stopXy[s] = BritishNationalGrid.FromWgs84(p.Lon, p.Lat);
            if (!extent.Contains(_stopXy[s].X, _stopXy[s].Y))
            {
                continue; // far outside the street network: not worth a nearest-edge search
            }

            try
            {
                linked.Add(linker.Link(_stopXy[s].X, _stopXy[s].Y, MaxStopLinkMetres));
                _linkedOfStop[s] = stopOfLinked.Count;
                stopOfLinked.Add(s);
            }
            catch (PointLinkException)
            {
                // Outside the street network: see the class remarks.
            }
        }

        _linkedStops = new LinkedPointSet(context.Graph, TravelMode.Walk, [.. linked]);
        _stopOfLinked = [.. stopOfLinked];
    }

    /// <summary>Stops linked to the street network.</summary>
    public int LinkedStopCount => _stopOfLinked.Length;

    /// <summary>The street network the walks run on.</summary>
    public RoutingContext Context => _context;

    /// <summary>The linked stops (walk mode), in linked order; see <see cref="StopOfLinked"/>.</summary>
    public LinkedPointSet LinkedStops => _linkedStops;

    /// <summary>The timetable stop index of the <paramref name="linkedIndex"/>-th linked stop.</summary>
    public int StopOfLinked(int linkedIndex) => _stopOfLinked[linkedIndex];

    public string Method => $"street network (walk profile); {_timetable.StopCount - LinkedStopCount} of {_timetable.StopCount} stops lie outside it and change by straight line × 1.3 (approximation)";

    /// <exception cref="PointLinkException">The origin is too far from any walkable edge.</exception>
    public IReadOnlyList<StopLeg> AccessLegs(LonLat origin, WalkSettings walk) => Legs(origin, walk, SearchDirection.Forward);

    /// <exception cref="PointLinkException">The destination is too far from any walkable edge.</exception>
    public IReadOnlyList<StopLeg> EgressLegs(LonLat destination, WalkSettings walk) => Legs(destination, walk, SearchDirection.Reverse);

    public int[] DirectSeconds(LonLat from, IReadOnlyList<LonLat> to, WalkSettings walk)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(walk);
        var settings = new TravelSettings(walk.SpeedKmh);
        var origin = Link(from, walk);
        var targets = new LinkedPoint[to.Count];
        for (var j = 0; j < to.Count; j++)
        {
            targets[j] = Link(to[j], walk);
        }

        var set = new LinkedPointSet(_context.Graph, TravelMode.Walk, targets);
        var cutoff = (float)(walk.MaxDirectWalkM / walk.SpeedMps);
        var result = new int[to.Count];
        var search = _context.RentSearch();
        try
        {
            Run(search, origin, settings, SearchDirection.Forward, cutoff);
            for (var j = 0; j < to.Count; j++)
            {
                var t = MathF.Min(
                    set.SecondsAfter(j, search.Seconds, SearchDirection.Forward, settings),
                    LinkedPointSet.AlongSharedEdgeSeconds(_context.Graph, TravelMode.Walk, origin, targets[j], settings));
                result[j] = t <= cutoff ? (int)MathF.Ceiling(t) : -1;
            }
        }
        finally
        {
            _context.Return(search);
        }

        return result;
    }

    public IEnumerable<(int From, int To, int Seconds)> Transfers(WalkSettings walk)
    {
        ArgumentNullException.ThrowIfNull(walk);
        var settings = new TravelSettings(walk.SpeedKmh);
        var cutoff = (float)(walk.MaxTransferM / walk.SpeedMps);
        var perStop = new List<(int, int, int)>[_timetable.StopCount];
        Parallel.For(0, _timetable.StopCount, () => _context.RentSearch(), (s, _, search) =>
        {
            var list = new List<(int, int, int)>();
            var li = _linkedOfStop[s];
            if (li < 0)
            {
                if (!double.IsNaN(_stopXy[s].X))
                {
                    foreach (var leg in _fallback.StopsAround(s, walk.MaxTransferM, walk))
                    {
                        list.Add((s, leg.Stop, leg.Seconds));
                    }
                }
            }
            else
            {
                Run(search, _linkedStops[li], settings, SearchDirection.Forward, cutoff);
                foreach (var leg in _fallback.StopsAround(s, walk.MaxTransferM * 1.3, walk))
                {
                    var lj = _linkedOfStop[leg.Stop];
                    if (lj < 0)
                    {
                        if (leg.Seconds <= cutoff)
                        {
                            list.Add((s, leg.Stop, leg.Seconds));
                        }

                        continue;
                    }

                    var t = MathF.Min(
                        _linkedStops.SecondsAfter(lj, search.Seconds, SearchDirection.Forward, settings),
                        LinkedPointSet.AlongSharedEdgeSeconds(_context.Graph, TravelMode.Walk, _linkedStops[li], _linkedStops[lj], settings));
                    if (t <= cutoff)
                    {
                        list.Add((s, leg.Stop, (int)MathF.Ceiling(t)));
                    }
                }
            }

            perStop[s] = list;
            return search;
        }, search => _context.Return(search));
        return perStop.SelectMany(l => l);
    }

    /// <summary>Most points remembered by each memo (legs per point, walk settings and direction; links per point).</summary>
    public const int MemoLimit = 20_000;

    private StopLeg[] Legs(LonLat point, WalkSettings walk, SearchDirection direction)
    {
        ArgumentNullException.ThrowIfNull(walk);
        if (_legMemo.TryGetValue((point, walk, direction), out var known))
        {
            return known;
        }

        var legs = ComputeLegs(point, walk, direction);
        if (_legMemo.Count >= MemoLimit)
        {
            _legMemo.Clear();
        }

        _legMemo[(point, walk, direction)] = legs;
        return legs;
    }

    private StopLeg[] ComputeLegs(LonLat point, WalkSettings walk, SearchDirection direction)
    {
        var settings = new TravelSettings(walk.SpeedKmh);
        var linked = Link(point, walk);
        var cutoff = (float)(walk.MaxWalkM / walk.SpeedMps);
        var legs = new List<StopLeg>();
        var search = _context.RentSearch();
        try
        {
            Run(search, linked, settings, direction, cutoff);
            foreach (var candidate in _fallback.StopsNear(point, walk with { MaxWalkM = walk.MaxWalkM * 1.3 }))
            {
                var li = _linkedOfStop[candidate.Stop];
                if (li < 0)
                {
                    continue;
                }

                // Forward: time to arrive at the stop; reverse: time to leave the stop and reach the point.
                var t = _linkedStops.SecondsAfter(li, search.Seconds, direction, settings);
                var along = direction == SearchDirection.Forward
                    ? LinkedPointSet.AlongSharedEdgeSeconds(_context.Graph, TravelMode.Walk, linked, _linkedStops[li], settings)
                    : LinkedPointSet.AlongSharedEdgeSeconds(_context.Graph, TravelMode.Walk, _linkedStops[li], linked, settings);
                t = MathF.Min(t, along);
                if (t <= cutoff)
                {
                    legs.Add(new StopLeg(candidate.Stop, (int)MathF.Ceiling(t)));
                }
            }
        }
        finally
        {
            _context.Return(search);
        }

        return [.. legs];
    }

    private LinkedPoint Link(LonLat point, WalkSettings walk)
    {
        var max = Math.Min(PointLinker.DefaultMaxLinkMetres, walk.MaxWalkM);
        if (_linkMemo.TryGetValue((point, max), out var known))
        {
            return known;
        }

        var (x, y) = BritishNationalGrid.FromWgs84(point.Lon, point.Lat);
        var linked = _context.Linker(TravelMode.Walk).Link(x, y, max);
        if (_linkMemo.Count >= MemoLimit)
        {
            _linkMemo.Clear();
        }

        _linkMemo[(point, max)] = linked;
        return linked;
    }

    private void Run(DijkstraSearch search, LinkedPoint point, TravelSettings settings, SearchDirection direction, float cutoff)
    {
        Span<Seed> seeds = stackalloc Seed[2];
        var one = new LinkedPointSet(_context.Graph, TravelMode.Walk, [point]);
        var n = direction == SearchDirection.Forward ? one.LeavingSeeds(0, settings, seeds) : one.ArrivingSeeds(0, settings, seeds);
        search.Run(TravelMode.Walk, seeds[..n], new SearchOptions(direction, cutoff, settings.CostScale(TravelMode.Walk)));
    }
}
