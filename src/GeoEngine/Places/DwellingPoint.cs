namespace CohesionGeo.GeoEngine.Places;

/// <summary>
/// One origin: a residential building's centroid (<c>source = osm</c>, ref <c>way/ID</c>) or an
/// LSOA's population-weighted centroid (<c>source = lsoa_centroid</c>, ref the LSOA code) where no
/// building is mapped. EPSG:27700 metres.
/// </summary>
public sealed record DwellingPoint(string Source, string SourceRef, double Easting, double Northing, string? AreaCode = null);
