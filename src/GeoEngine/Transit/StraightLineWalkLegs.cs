namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// APPROXIMATION: walks measured as the great-circle distance × <see cref="DetourFactor"/>
/// (default 1.3, a typical ratio of street to straight-line distance in towns), at the walking
/// speed. Rivers, railways and motorways are ignored, so times across them are optimistic. Used
/// when no street network is loaded and in tests with hand-made feeds.
/// </summary>
public sealed class StraightLineWalkLegs : IWalkLegs
{
    private readonly Timetable _timetable;
    private readonly int[] _byLat;

    public StraightLineWalkLegs(Timetable timetable, double detourFactor = 1.3)
    {
        ArgumentNullException.ThrowIfNull(timetable);
        _timetable = timetable;
        DetourFactor = detourFactor;
        _byLat = [.. Enumerable.Range(0, timetable.StopCount)
            .Where(s => !double.IsNaN(timetable.StopPositions[s].Lat))
            .OrderBy(s => timetable.StopPositions[s].Lat)];
    }

    public double DetourFactor { get; }

    public string Method => $"straight line × {DetourFactor:0.##} (approximation)";

    public IReadOnlyList<StopLeg> AccessLegs(LonLat origin, WalkSettings walk) => StopsNear(origin, walk);

    public IReadOnlyList<StopLeg> EgressLegs(LonLat destination, WalkSettings walk) => StopsNear(destination, walk);

    /// <summary>Stops within walking reach of a point (the same both ways on straight lines).</summary>
    public IReadOnlyList<StopLeg> StopsNear(LonLat point, WalkSettings walk)
    {
        ArgumentNullException.ThrowIfNull(walk);
        var legs = new List<StopLeg>();
        foreach (var s in Candidates(point, walk.MaxWalkM))
        {
            var m = point.DistanceM(_timetable.StopPositions[s]) * DetourFactor;
            if (m <= walk.MaxWalkM)
            {
                legs.Add(new StopLeg(s, walk.Seconds(m)));
            }
        }

        return legs;
    }

    public int[] DirectSeconds(LonLat from, IReadOnlyList<LonLat> to, WalkSettings walk)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(walk);
        return [.. to.Select(t => DirectSeconds(from, t, walk) ?? -1)];
    }

    /// <summary>Seconds to walk between two points, or null beyond <see cref="WalkSettings.MaxDirectWalkM"/>.</summary>
    public int? DirectSeconds(LonLat from, LonLat to, WalkSettings walk)
    {
        ArgumentNullException.ThrowIfNull(walk);
        var m = from.DistanceM(to) * DetourFactor;
        return m <= walk.MaxDirectWalkM ? walk.Seconds(m) : null;
    }

    /// <summary>Stops within <paramref name="metres"/> of straight-line walking (× detour) of stop <paramref name="stop"/>, with seconds.</summary>
    internal IEnumerable<StopLeg> StopsAround(int stop, double metres, WalkSettings walk)
    {
        var p = _timetable.StopPositions[stop];
        foreach (var t in Candidates(p, metres))
        {
            var m = p.DistanceM(_timetable.StopPositions[t]) * DetourFactor;
            if (t != stop && m <= metres)
            {
                yield return new StopLeg(t, walk.Seconds(m));
            }
        }
    }

    public IEnumerable<(int From, int To, int Seconds)> Transfers(WalkSettings walk)
    {
        ArgumentNullException.ThrowIfNull(walk);
        foreach (var s in _byLat)
        {
            var p = _timetable.StopPositions[s];
            foreach (var t in Candidates(p, walk.MaxTransferM))
            {
                if (t == s)
                {
                    continue;
                }

                var m = p.DistanceM(_timetable.StopPositions[t]) * DetourFactor;
                if (m <= walk.MaxTransferM)
                {
                    yield return (s, t, walk.Seconds(m));
                }
            }
        }
    }

    /// <summary>Stops in the latitude band that could be within <paramref name="metres"/> (of walking).</summary>
    private IEnumerable<int> Candidates(LonLat point, double metres)
    {
        var dLat = metres / DetourFactor / 111_000.0 * 1.01;
        var lo = LowerBound(point.Lat - dLat);
        for (var i = lo; i < _byLat.Length && _timetable.StopPositions[_byLat[i]].Lat <= point.Lat + dLat; i++)
        {
            yield return _byLat[i];
        }
    }

    private int LowerBound(double lat)
    {
        int lo = 0, hi = _byLat.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_timetable.StopPositions[_byLat[mid]].Lat < lat)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
