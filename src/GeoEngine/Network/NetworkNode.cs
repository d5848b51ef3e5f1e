namespace CohesionGeo.GeoEngine.Network;

/// <summary>A graph vertex: an OSM node shared by ways or ending one. X/Y are EPSG:27700 metres.</summary>
/// <param name="OsmId">The OSM node id (0 for synthetic networks).</param>
/// <param name="X">Easting, metres (EPSG:27700).</param>
/// <param name="Y">Northing, metres (EPSG:27700).</param>
public readonly record struct NetworkNode(long OsmId, double X, double Y);
