namespace CohesionGeo.GeoEngine.Places;

/// <summary>
/// One facility as one source describes it. Coordinates are EPSG:27700 metres.
/// <paramref name="PositionPrecise"/> is false when the point is a postcode centroid (Code-Point
/// Open), which can lie tens of metres from the door; the deduplicator then prefers a precise one.
/// <paramref name="PracticeCode"/> is an NHS Wales practice code (W9xxxx) when the source gives one
/// (the ODS list; OSM through <c>ref:GB:nhs</c> or a practice e-mail such as <c>enquiries.W93054@wales.nhs.uk</c>).
/// </summary>
public sealed record FacilityRecord(
    string Kind,
    string Name,
    string? NameCy,
    string Source,
    string SourceRef,
    int? Capacity,
    string? OpeningHours,
    double Easting,
    double Northing,
    bool PositionPrecise = true,
    bool Named = true,
    string? PracticeCode = null);
