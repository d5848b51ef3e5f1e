namespace CohesionGeo.GeoEngine.Transit;

/// <summary>One row of GTFS <c>stops.txt</c>; coordinates are WGS84 (EPSG:4326) degrees.</summary>
/// <param name="StopId">stop_id, unique within its feed.</param>
/// <param name="Name">stop_name.</param>
/// <param name="Lon">stop_lon, degrees east.</param>
/// <param name="Lat">stop_lat, degrees north.</param>
/// <param name="LocationType">location_type (0 stop/platform, 1 station, ...); only 0 is boarded.</param>
/// <param name="ParentStation">parent_station (may be empty).</param>
public sealed record GtfsStop(string StopId, string Name, double Lon, double Lat, int LocationType, string ParentStation);
