namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// One row of GTFS <c>frequencies.txt</c>: the trip's stop times are a template repeated every
/// <paramref name="HeadwaySeconds"/> from <paramref name="StartSeconds"/> (inclusive) to
/// <paramref name="EndSeconds"/> (exclusive). Seconds after midnight of the service day.
/// </summary>
/// <param name="TripId">trip_id of the template trip.</param>
/// <param name="StartSeconds">start_time.</param>
/// <param name="EndSeconds">end_time.</param>
/// <param name="HeadwaySeconds">headway_secs (&gt; 0).</param>
/// <param name="ExactTimes">exact_times (we expand both kinds as exact departures).</param>
public sealed record GtfsFrequency(string TripId, int StartSeconds, int EndSeconds, int HeadwaySeconds, bool ExactTimes);
