namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// Range RAPTOR (Delling, Pajor, Werneck 2012; as in Conveyal R5): earliest arrival at every stop
/// for every departure minute of a window, scanning minutes from the latest to the earliest and
/// keeping the per-round labels between minutes (a later departure's arrival is an upper bound for
/// an earlier one, so each minute only explores what improves). Round k allows k rides; after each
/// round, walking transfers are relaxed from stops reached by a ride. Every boarding needs
/// <see cref="BoardSlackSeconds"/> between reaching the stop and the vehicle's departure (as R5's
/// board slack; applying it to every boarding keeps "earlier at a stop" always at least as good,
/// which the range search relies on). One instance holds its search state: use one per thread. Inner loops do not allocate.
/// </summary>
public sealed class RangeRaptor
{
    private const int Unreached = int.MaxValue;

    private readonly Timetable _tt;
    private readonly StopTransfers _transfers;
    private readonly int[][] _round;
    private readonly int[] _best;
    private readonly int[] _bestRide;
    private readonly bool[] _marked;
    private readonly int[] _markedList;
    private int _markedCount;
    private readonly bool[] _rideMarked;
    private readonly int[] _rideMarkedList;
    private int _rideMarkedCount;
    private readonly int[] _patternFrom;
    private readonly int[] _touched;
    private int[]? _snapshot;
    private int[] _changeStops = [];
    private int[] _changeTimes = [];

    public RangeRaptor(Timetable timetable, StopTransfers transfers, int maxRides = 8, int boardSlackSeconds = 60)
    {
        ArgumentNullException.ThrowIfNull(timetable);
        ArgumentNullException.ThrowIfNull(transfers);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRides, 1);
        _tt = timetable;
        _transfers = transfers;
        MaxRides = maxRides;
        BoardSlackSeconds = boardSlackSeconds;
        var n = timetable.StopCount;
        _round = new int[maxRides + 1][];
        for (var k = 0; k <= maxRides; k++)
        {
            _round[k] = new int[n];
        }

        _best = new int[n];
        _bestRide = new int[n];
        _marked = new bool[n];
        _markedList = new int[n];
        _rideMarked = new bool[n];
        _rideMarkedList = new int[n];
        _patternFrom = new int[timetable.PatternCount];
        _touched = new int[timetable.PatternCount];
        Array.Fill(_patternFrom, -1);
    }

    /// <summary>Most vehicles in one journey (rounds).</summary>
    public int MaxRides { get; }

    /// <summary>Seconds needed between reaching a stop (on foot or by vehicle) and boarding there.</summary>
    public int BoardSlackSeconds { get; }

    /// <summary>
    /// Travel times from one origin to each target for departures every <paramref name="stepSeconds"/>
    /// in [<paramref name="fromSeconds"/>, <paramref name="toSeconds"/>).
    /// </summary>
    /// <param name="access">Stops reached on foot from the origin, with seconds.</param>
    /// <param name="targets">Destinations and their egress walks.</param>
    /// <param name="directWalkSeconds">Per target, the walk without transit (null or negative entries: none).</param>
    /// <param name="fromSeconds">First departure, seconds after midnight of the timetable's date.</param>
    /// <param name="toSeconds">End of the window (exclusive).</param>
    /// <param name="stepSeconds">Between departures (60: every minute).</param>
    public TravelTimeSamples Run(IReadOnlyList<StopLeg> access, EgressTargets targets, int[]? directWalkSeconds, int fromSeconds, int toSeconds, int stepSeconds = 60)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(toSeconds, fromSeconds);
        var minutes = (toSeconds - fromSeconds + stepSeconds - 1) / stepSeconds;
        var departures = new int[minutes];
        for (var i = 0; i < minutes; i++)
        {
            departures[i] = fromSeconds + (i * stepSeconds);
        }

        var samples = new int[minutes * targets.Count];
        Reset();
        for (var i = minutes - 1; i >= 0; i--)
        {
            SearchFrom(access, departures[i]);
            Collect(_best, targets, directWalkSeconds, departures[i], samples.AsSpan(i * targets.Count, targets.Count));
        }

        return new TravelTimeSamples(departures, targets.Count, samples);
    }

    /// <summary>
    /// The earliest arrival at every stop for every departure of the window, before any egress walk (see
    /// <see cref="StopArrivalProfile"/>; its <see cref="StopArrivalProfile.Samples"/> equals <see cref="Run"/> for the same targets).
    /// </summary>
    /// <param name="origin">The origin the access legs start from (kept for the direct walk).</param>
    /// <param name="access">Stops reached on foot from the origin, with seconds.</param>
    /// <param name="window">Departure window (minute steps) and walk settings.</param>
    public StopArrivalProfile Profile(LonLat origin, IReadOnlyList<StopLeg> access, TransitWindow window)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(window);
        const int step = 60;
        var fromSeconds = window.FromSeconds;
        var toSeconds = window.ToSeconds;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(toSeconds, fromSeconds);
        var minutes = (toSeconds - fromSeconds + step - 1) / step;
        var departures = new int[minutes];
        for (var i = 0; i < minutes; i++)
        {
            departures[i] = fromSeconds + (i * step);
        }

        var n = _tt.StopCount;
        var snapshot = _snapshot ??= new int[n];
        Array.Fill(snapshot, Unreached);
        var ends = new int[minutes]; // changes made up to and including minute i (scanned from the last minute)
        var count = 0;
        Reset();
        for (var i = minutes - 1; i >= 0; i--)
        {
            SearchFrom(access, departures[i]);
            for (var s = 0; s < n; s++)
            {
                var t = _best[s];
                if (t != snapshot[s])
                {
                    snapshot[s] = t;
                    if (count == _changeStops.Length)
                    {
                        Array.Resize(ref _changeStops, Math.Max(1024, count * 2));
                        Array.Resize(ref _changeTimes, _changeStops.Length);
                    }

                    _changeStops[count] = s;
                    _changeTimes[count] = t;
                    count++;
                }
            }

            ends[i] = count;
        }

        // Re-order the changes by ascending minute (CSR): minute i's block is [ends[i+1], ends[i]) in scan order.
        var offsets = new int[minutes + 1];
        var stops = new int[count];
        var arrivals = new int[count];
        var at = 0;
        for (var i = 0; i < minutes; i++)
        {
            var lo = i + 1 < minutes ? ends[i + 1] : 0;
            var len = ends[i] - lo;
            offsets[i] = at;
            Array.Copy(_changeStops, lo, stops, at, len);
            Array.Copy(_changeTimes, lo, arrivals, at, len);
            at += len;
        }

        offsets[minutes] = at;
        return new StopArrivalProfile(origin, window, n, departures, offsets, stops, arrivals);
    }

    /// <summary>Earliest arrival at every stop (or <see cref="int.MaxValue"/>) for one departure; state is reset first.</summary>
    public int[] EarliestArrivals(IReadOnlyList<StopLeg> access, int departureSeconds)
    {
        ArgumentNullException.ThrowIfNull(access);
        Reset();
        SearchFrom(access, departureSeconds);
        return (int[])_best.Clone();
    }

    private void Reset()
    {
        foreach (var r in _round)
        {
            Array.Fill(r, Unreached);
        }

        Array.Fill(_best, Unreached);
        Array.Fill(_bestRide, Unreached);
    }

    private void SearchFrom(IReadOnlyList<StopLeg> access, int departure)
    {
        ClearMarks();
        var round0 = _round[0];
        for (var i = 0; i < access.Count; i++)
        {
            var (stop, seconds) = access[i];
            var t = departure + seconds;
            if (t < round0[stop])
            {
                round0[stop] = t;
            }

            if (t < _best[stop])
            {
                _best[stop] = t;
                Mark(stop);
            }
        }

        for (var k = 1; k <= MaxRides && _markedCount > 0; k++)
        {
            ScanPatterns(k);
            RelaxTransfers(k);
        }
    }

    private void ScanPatterns(int k)
    {
        var tt = _tt;
        var touchedCount = 0;
        for (var m = 0; m < _markedCount; m++)
        {
            var s = _markedList[m];
            _marked[s] = false;
            for (var r = tt.StopPatternOffsets[s]; r < tt.StopPatternOffsets[s + 1]; r++)
            {
                var visit = tt.StopPatternRefs[r];
                var p = tt.PatternOfStopRef[visit];
                var pos = visit - tt.PatternStopOffsets[p];
                if (_patternFrom[p] < 0)
                {
                    _touched[touchedCount++] = p;
                    _patternFrom[p] = pos;
                }
                else if (pos < _patternFrom[p])
                {
                    _patternFrom[p] = pos;
                }
            }
        }

        _markedCount = 0;
        var previous = _round[k - 1];
        var current = _round[k];
        var slack = BoardSlackSeconds;
        for (var x = 0; x < touchedCount; x++)
        {
            var p = _touched[x];
            var from = _patternFrom[p];
            _patternFrom[p] = -1;
            var stopBase = tt.PatternStopOffsets[p];
            var n = tt.PatternStopOffsets[p + 1] - stopBase;
            var tripLo = tt.PatternTripOffsets[p];
            var tripHi = tt.PatternTripOffsets[p + 1];
            var trip = -1;
            var timeBase = 0;
            for (var i = from; i < n; i++)
            {
                var s = tt.PatternStops[stopBase + i];
                var flags = tt.PatternStopFlags[stopBase + i];
                if (trip >= 0 && (flags & Timetable.CanAlight) != 0)
                {
                    // Transfers leave from the best arrival by vehicle, kept apart from arrivals on foot
                    // (as R5 does): a walk-in that is earlier must not stop a ride's transfers.
                    var arr = tt.Arrivals[timeBase + i];
                    if (arr < _bestRide[s])
                    {
                        _bestRide[s] = arr;
                        RideMark(s);
                        if (arr < current[s])
                        {
                            current[s] = arr;
                        }

                        if (arr < _best[s])
                        {
                            _best[s] = arr;
                        }
                    }
                }

                var ready = previous[s];
                if (ready == Unreached || (flags & Timetable.CanBoard) == 0)
                {
                    continue;
                }

                ready += slack;
                if (trip >= 0 && tt.Departures[timeBase + i] < ready)
                {
                    continue; // already on a trip that leaves before we could board here; no earlier one helps
                }

                var hi = trip >= 0 ? trip : tripHi;
                var found = FirstDepartingAtOrAfter(tripLo, hi, i, ready);
                if (found >= 0)
                {
                    trip = found;
                    timeBase = tt.TripTimeOffsets[trip];
                }
            }
        }
    }

    /// <summary>First trip in [lo, hi) whose departure at position i is at or after <paramref name="ready"/>; −1 if none.</summary>
    private int FirstDepartingAtOrAfter(int lo, int hi, int i, int ready)
    {
        var tt = _tt;
        int a = lo, b = hi;
        while (a < b)
        {
            var mid = (a + b) >>> 1;
            if (tt.Departures[tt.TripTimeOffsets[mid] + i] < ready)
            {
                a = mid + 1;
            }
            else
            {
                b = mid;
            }
        }

        return a < hi ? a : -1;
    }

    private void RelaxTransfers(int k)
    {
        var current = _round[k];
        var tr = _transfers;
        for (var m = 0; m < _rideMarkedCount; m++)
        {
            var s = _rideMarkedList[m];
            _rideMarked[s] = false;
            Mark(s);
            var t0 = _bestRide[s];
            for (var e = tr.Offsets[s]; e < tr.Offsets[s + 1]; e++)
            {
                var u = tr.Targets[e];
                var t = t0 + tr.Seconds[e];
                if (t < current[u])
                {
                    current[u] = t;
                }

                if (t < _best[u])
                {
                    _best[u] = t;
                    Mark(u);
                }
            }
        }

        _rideMarkedCount = 0;
    }

    /// <summary>Per target: the best of the direct walk and, over its egress stops, arrival in <paramref name="best"/> + egress − departure.</summary>
    internal static void Collect(int[] best, EgressTargets targets, int[]? direct, int departure, Span<int> row)
    {
        for (var j = 0; j < row.Length; j++)
        {
            var value = Unreached;
            if (direct is not null && direct[j] >= 0)
            {
                value = direct[j];
            }

            for (var e = targets.Offsets[j]; e < targets.Offsets[j + 1]; e++)
            {
                var at = best[targets.Stops[e]];
                if (at != Unreached)
                {
                    var v = at - departure + targets.Seconds[e];
                    if (v < value)
                    {
                        value = v;
                    }
                }
            }

            row[j] = value;
        }
    }

    private void Mark(int s)
    {
        if (!_marked[s])
        {
            _marked[s] = true;
            _markedList[_markedCount++] = s;
        }
    }

    private void RideMark(int s)
    {
        if (!_rideMarked[s])
        {
            _rideMarked[s] = true;
            _rideMarkedList[_rideMarkedCount++] = s;
        }
    }

    private void ClearMarks()
    {
        for (var m = 0; m < _markedCount; m++)
        {
            _marked[_markedList[m]] = false;
        }

        _markedCount = 0;
    }
}
