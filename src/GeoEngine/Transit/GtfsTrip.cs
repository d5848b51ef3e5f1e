namespace CohesionGeo.GeoEngine.Transit;

/// <summary>One row of GTFS <c>trips.txt</c>.</summary>
/// <param name="TripId">trip_id.</param>
/// <param name="RouteId">route_id.</param>
/// <param name="ServiceId">service_id (calendar.txt / calendar_dates.txt).</param>
/// <param name="Headsign">trip_headsign (may be empty).</param>
public sealed record GtfsTrip(string TripId, string RouteId, string ServiceId, string Headsign);
