using CohesionGeo.GeoEngine.Routing;

namespace CohesionGeo.GeoEngine.Transit;

/// <summary>Contours of a walk + transit isochrone (EPSG:27700) and what seeded them.</summary>
/// <param name="Contours">One contour per limit, ascending (see <see cref="IsochroneBuilder"/>).</param>
/// <param name="StopsReached">Street-linked stops reached within the largest contour at the percentile (the walk search's seeds besides the origin).</param>
/// <param name="StopsLinked">Stops linked to the street network (the candidates).</param>
public sealed record TransitIsochroneResult(IReadOnlyList<IsochroneContour> Contours, int StopsReached, int StopsLinked);
