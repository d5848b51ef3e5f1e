namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// A request boundary as PostGIS read it: whether it was valid (with PostGIS's reason when not), the
/// polygonal part of <c>ST_MakeValid</c> when it was not, in EPSG:27700 (EWKB) and WGS84 GeoJSON, its area
/// in m², and whether it meets the data extent (the network's, else the located incidents').
/// </summary>
public sealed record ReviewBoundary(
    bool WasValid, string? InvalidReason, byte[] Ewkb, string GeoJson, double AreaSquareMetres, bool IsEmpty,
    bool HasData, bool MeetsData, string? DataExtentText);
