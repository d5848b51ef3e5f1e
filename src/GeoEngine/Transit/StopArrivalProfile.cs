namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// What a Range RAPTOR search from one origin leaves at the stops, before any egress walk: the earliest arrival
/// (seconds after midnight of the timetable's date) at every stop for every departure minute of a window, stored as
/// the improvements of the range scan (minutes are scanned from the latest to the earliest and an arrival only ever
/// improves, so each minute keeps just the stops it made earlier). <see cref="Samples"/> adds the egress walks and the
/// direct walk and gives exactly what <see cref="RangeRaptor.Run"/> gives for the same origin, window and targets, so a
/// profile can be kept (e.g. per facility) and reused for any destinations. Read-only by contract (the arrays are shared
/// by every user of a kept profile: never modify them); thread-safe to read.
/// </summary>
public sealed class StopArrivalProfile
{
    private const int Unreached = int.MaxValue;

    internal StopArrivalProfile(LonLat origin, TransitWindow window, int stopCount, int[] departureSeconds, int[] minuteOffsets, int[] stops, int[] arrivals)
    {
        Origin = origin;
        Window = window;
        StopCount = stopCount;
        DepartureSeconds = departureSeconds;
        MinuteOffsets = minuteOffsets;
        Stops = stops;
        Arrivals = arrivals;
    }

    /// <summary>Where the search started (WGS84 lon/lat): the direct walk to a destination is measured from here.</summary>
    public LonLat Origin { get; }

    /// <summary>The departure window and walk settings of the search.</summary>
    public TransitWindow Window { get; }

    /// <summary>Stops in the timetable the profile was computed on.</summary>
    public int StopCount { get; }

    /// <summary>Departure times, seconds after midnight, ascending (one per minute of the window).</summary>
    public int[] DepartureSeconds { get; }

    /// <summary>
    /// CSR over departures: the improvements made when departing at <c>DepartureSeconds[i]</c> are
    /// <c>Stops/Arrivals[MinuteOffsets[i]..MinuteOffsets[i+1])</c>; they apply on top of those of every later departure.
    /// </summary>
    public int[] MinuteOffsets { get; }

    /// <summary>Stop index of each improvement.</summary>
    public int[] Stops { get; }

    /// <summary>Earliest arrival at the stop of each improvement, seconds after midnight.</summary>
    public int[] Arrivals { get; }

    /// <summary>Improvements stored (a measure of the profile's size: 8 bytes each).</summary>
    public int Count => Stops.Length;

    /// <summary>
    /// Travel times for every departure minute to each target: the best of the direct walk and, over the target's
    /// egress stops, arrival + egress walk − departure (as <see cref="RangeRaptor.Run"/> collects them).
    /// </summary>
    /// <param name="targets">Destinations and their egress walks (from the same timetable).</param>
    /// <param name="directWalkSeconds">Per target, the walk from <see cref="Origin"/> without transit (null or negative: none).</param>
    public TravelTimeSamples Samples(EgressTargets targets, int[]? directWalkSeconds)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var minutes = DepartureSeconds.Length;
        var best = new int[StopCount];
        Array.Fill(best, Unreached);
        var samples = new int[minutes * targets.Count];
        for (var i = minutes - 1; i >= 0; i--)
        {
            for (var c = MinuteOffsets[i]; c < MinuteOffsets[i + 1]; c++)
            {
                best[Stops[c]] = Arrivals[c];
            }

            RangeRaptor.Collect(best, targets, directWalkSeconds, DepartureSeconds[i], samples.AsSpan(i * targets.Count, targets.Count));
        }

        return new TravelTimeSamples((int[])DepartureSeconds.Clone(), targets.Count, samples);
    }
}
