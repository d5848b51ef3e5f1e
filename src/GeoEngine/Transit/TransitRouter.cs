using System.Collections.Concurrent;

namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// Walk + transit travel times between points for one service date: access and egress walks from
/// <see cref="IWalkLegs"/>, Range RAPTOR over the window, and the direct walk whenever it is faster.
/// Thread-safe; origins are routed in parallel (one <see cref="RangeRaptor"/> per worker).
/// </summary>
public sealed class TransitRouter
{
    private readonly ConcurrentDictionary<WalkSettings, Lazy<StopTransfers>> _transfers = new();

    public TransitRouter(Timetable timetable, IWalkLegs walkLegs, int maxRides = 8, int boardSlackSeconds = 60)
    {
        ArgumentNullException.ThrowIfNull(timetable);
        ArgumentNullException.ThrowIfNull(walkLegs);
        Timetable = timetable;
        WalkLegs = walkLegs;
        MaxRides = maxRides;
        BoardSlackSeconds = boardSlackSeconds;
    }

    public Timetable Timetable { get; }

    public IWalkLegs WalkLegs { get; }

    public int MaxRides { get; }

    public int BoardSlackSeconds { get; }

    /// <summary>Walking transfers (plus transfers.txt minimum times) for these walk settings, computed once.</summary>
    public StopTransfers TransfersFor(WalkSettings walk) =>
        _transfers.GetOrAdd(walk, w => new Lazy<StopTransfers>(() => StopTransfers.WithMinimumTimes(Timetable, WalkLegs.Transfers(w)))).Value;

    /// <summary>A search engine for one thread.</summary>
    public RangeRaptor CreateSearch(WalkSettings walk) => new(Timetable, TransfersFor(walk), MaxRides, BoardSlackSeconds);

    /// <summary>Travel-time samples (one per departure minute) from each origin to every destination.</summary>
    public TravelTimeSamples[] Samples(IReadOnlyList<LonLat> origins, IReadOnlyList<LonLat> destinations, TransitWindow window, int maxParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(destinations);
        ArgumentNullException.ThrowIfNull(window);
        var egress = new EgressTargets([.. destinations.Select(d => WalkLegs.EgressLegs(d, window.Walk))]);
        var result = new TravelTimeSamples[origins.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount };
        Parallel.For(0, origins.Count, options, () => CreateSearch(window.Walk), (i, _, search) =>
        {
            var direct = WalkLegs.DirectSeconds(origins[i], destinations, window.Walk);
            result[i] = search.Run(WalkLegs.AccessLegs(origins[i], window.Walk), egress, direct, window.FromSeconds, window.ToSeconds);
            return search;
        }, _ => { });
        return result;
    }

    /// <summary>
    /// The stop arrival profile (before egress) of each origin over <paramref name="window"/>, routed in parallel; with
    /// <see cref="SamplesFrom"/> it gives exactly
    /// <see cref="Samples(IReadOnlyList{LonLat}, IReadOnlyList{LonLat}, TransitWindow, int)"/>, so profiles can be kept.
    /// </summary>
    public StopArrivalProfile[] Profiles(IReadOnlyList<LonLat> origins, TransitWindow window, int maxParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(window);
        var result = new StopArrivalProfile[origins.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount };
        Parallel.For(0, origins.Count, options, () => CreateSearch(window.Walk), (i, _, search) =>
        {
            result[i] = search.Profile(origins[i], WalkLegs.AccessLegs(origins[i], window.Walk), window);
            return search;
        }, _ => { });
        return result;
    }

    /// <summary>
    /// Travel-time samples from each profile's origin to every destination: the egress walks and the direct walk added
    /// to kept profiles (all computed on this router's timetable; their window's walk settings are used).
    /// </summary>
    public TravelTimeSamples[] SamplesFrom(IReadOnlyList<StopArrivalProfile> profiles, IReadOnlyList<LonLat> destinations)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(destinations);
        var result = new TravelTimeSamples[profiles.Count];
        var egress = new Dictionary<WalkSettings, EgressTargets>();
        for (var i = 0; i < profiles.Count; i++)
        {
            var p = profiles[i];
            if (p.StopCount != Timetable.StopCount)
            {
                throw new ArgumentException("a profile was computed on another timetable", nameof(profiles));
            }

            if (!egress.TryGetValue(p.Window.Walk, out var targets))
            {
                targets = new EgressTargets([.. destinations.Select(d => WalkLegs.EgressLegs(d, p.Window.Walk))]);
                egress[p.Window.Walk] = targets;
            }

            result[i] = p.Samples(targets, WalkLegs.DirectSeconds(p.Origin, destinations, p.Window.Walk));
        }

        return result;
    }

    /// <summary>The <paramref name="percentile"/>-th travel time in seconds, origins × destinations (null: no journey).</summary>
    public int?[][] TravelTimes(IReadOnlyList<LonLat> origins, IReadOnlyList<LonLat> destinations, TransitWindow window, int percentile = 50)
    {
        var samples = Samples(origins, destinations, window);
        return [.. samples.Select(s => Enumerable.Range(0, s.TargetCount).Select(j => s.Percentile(j, percentile)).ToArray())];
    }
}
