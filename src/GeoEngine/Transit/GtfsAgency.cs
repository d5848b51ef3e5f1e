namespace CohesionGeo.GeoEngine.Transit;

/// <summary>One row of GTFS <c>agency.txt</c>.</summary>
/// <param name="AgencyId">agency_id (empty when the feed has one agency and omits it).</param>
/// <param name="Name">agency_name.</param>
/// <param name="Timezone">agency_timezone (every feed here is Europe/London; times are local).</param>
public sealed record GtfsAgency(string AgencyId, string Name, string Timezone);
