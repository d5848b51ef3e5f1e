namespace CohesionGeo.GeoEngine.Places;

/// <summary>Source names recorded in <c>places.facilities.source</c> and <c>places.facility_sources.source</c>.</summary>
public static class FacilitySources
{
    /// <summary>OpenStreetMap; source_ref is <c>node/ID</c> or <c>way/ID</c>.</summary>
    public const string Osm = "osm";

    /// <summary>NHS Digital ODS epraccur list; source_ref is the practice code (W9xxxx).</summary>
    public const string NhsGp = "nhs_gp";

    /// <summary>NHS Wales hospital sites; source_ref is the site code.</summary>
    public const string NhsHospital = "nhs_hospital";

    /// <summary>A user file (CSV/GeoJSON import); source_ref is the row id or a content hash.</summary>
    public const string User = "user";
}
