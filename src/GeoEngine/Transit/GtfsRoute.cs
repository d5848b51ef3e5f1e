namespace CohesionGeo.GeoEngine.Transit;

/// <summary>One row of GTFS <c>routes.txt</c>.</summary>
/// <param name="RouteId">route_id.</param>
/// <param name="AgencyId">agency_id (may be empty).</param>
/// <param name="ShortName">route_short_name.</param>
/// <param name="LongName">route_long_name.</param>
/// <param name="RouteType">route_type (2 rail, 3 bus, 200 coach, ...).</param>
public sealed record GtfsRoute(string RouteId, string AgencyId, string ShortName, string LongName, int RouteType);
