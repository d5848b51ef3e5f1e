namespace CohesionGeo.GeoEngine.Routing;

/// <summary>
/// A point joined to the network: the nearest edge the mode may use, the position of the
/// perpendicular foot along it, and the straight off-network leg (walked). Coordinates EPSG:27700.
/// </summary>
/// <param name="Edge">Edge index in the <see cref="Network.RoutingGraph"/>.</param>
/// <param name="Fraction">Position of the foot along the edge from its source, 0..1 of its length.</param>
/// <param name="OffsetMetres">Straight distance from the point to the foot, metres.</param>
/// <param name="X">The point's easting.</param>
/// <param name="Y">The point's northing.</param>
/// <param name="FootX">The foot's easting.</param>
/// <param name="FootY">The foot's northing.</param>
public readonly record struct LinkedPoint(int Edge, double Fraction, double OffsetMetres, double X, double Y, double FootX, double FootY);
