namespace CohesionGeo.GeoEngine.Transit;

/// <summary>One row of GTFS <c>calendar_dates.txt</c>: service added (1) or removed (2) on one date.</summary>
/// <param name="ServiceId">service_id.</param>
/// <param name="Date">date.</param>
/// <param name="ExceptionType">1 = added, 2 = removed.</param>
public sealed record GtfsCalendarDate(string ServiceId, DateOnly Date, int ExceptionType);
