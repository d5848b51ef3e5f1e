using System.Text.Json.Nodes;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// One buffer ring of the DOCO evidence pack for the map: the (repaired) boundary buffered by
/// <paramref name="DistanceMetres"/> in EPSG:27700, as a WGS84 GeoJSON polygon. The incident counts of
/// <c>incidents</c> with the same distance are the rows within that distance of the boundary; the polygon draws
/// the rounded corners with 8 segments per quarter circle, so at a corner it can fall short of the true distance
/// by up to 0.5% of it (2.4 m at 500 m).
/// </summary>
public sealed record DocoBufferDto(int DistanceMetres, JsonNode Geometry);
