namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// One row of GTFS <c>stop_times.txt</c>. Times are seconds after midnight of the service day
/// (local time, "noon minus 12 h"); they may exceed 86,400 for trips running past midnight.
/// </summary>
/// <param name="TripId">trip_id.</param>
/// <param name="StopSequence">stop_sequence (increasing along the trip, not necessarily consecutive).</param>
/// <param name="StopId">stop_id.</param>
/// <param name="ArrivalSeconds">arrival_time in seconds.</param>
/// <param name="DepartureSeconds">departure_time in seconds.</param>
/// <param name="PickupType">pickup_type: 1 means nobody may board here.</param>
/// <param name="DropOffType">drop_off_type: 1 means nobody may alight here.</param>
public readonly record struct GtfsStopTime(
    string TripId, int StopSequence, string StopId, int ArrivalSeconds, int DepartureSeconds, byte PickupType, byte DropOffType);
