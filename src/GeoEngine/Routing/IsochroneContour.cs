using NetTopologySuite.Geometries;

namespace CohesionGeo.GeoEngine.Routing;

/// <summary>One isochrone band: the area reachable within <see cref="Seconds"/>, EPSG:27700.</summary>
/// <param name="Seconds">The contour's limit, seconds.</param>
/// <param name="Geometry">Polygon or MultiPolygon (EPSG:27700); empty when nothing is reached.</param>
/// <param name="AreaSquareMetres">Its area, m².</param>
/// <param name="ReachedEdges">Edges wholly or partly inside.</param>
public sealed record IsochroneContour(float Seconds, Geometry Geometry, double AreaSquareMetres, int ReachedEdges);
