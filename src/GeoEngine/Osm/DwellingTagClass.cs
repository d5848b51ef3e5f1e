namespace CohesionGeo.GeoEngine.Osm;

/// <summary>Result of <see cref="DwellingTagMapping.Classify"/>.</summary>
public enum DwellingTagClass
{
    /// <summary>Not a home.</summary>
    None,

    /// <summary>A residential building type.</summary>
    Residential,

    /// <summary><c>building=yes</c>: a home only inside residential landuse.</summary>
    YesIfInResidentialLanduse,
}
