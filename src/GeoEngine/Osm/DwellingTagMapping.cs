namespace CohesionGeo.GeoEngine.Osm;

/// <summary>
/// Which OSM buildings are homes. A closed way whose <c>building</c> is one of
/// <c>house, detached, semidetached_house, terrace, apartments, residential, bungalow, flats</c>
/// is a dwelling; <c>building=yes</c> counts only when its centroid lies inside a
/// <c>landuse=residential</c> closed way (decided by the reader). One building is one origin point,
/// whatever the number of flats in it (OSM rarely says): figures are per mapped residential building.
/// </summary>
public static class DwellingTagMapping
{
    private static readonly HashSet<string> Residential = new(StringComparer.Ordinal)
        { "house", "detached", "semidetached_house", "terrace", "apartments", "residential", "bungalow", "flats" };

    /// <summary>How a building's tags qualify it.</summary>
    public static DwellingTagClass Classify(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var building = tags.GetValueOrDefault("building");
        if (building is null)
        {
            return DwellingTagClass.None;
        }

        if (Residential.Contains(building))
        {
            return DwellingTagClass.Residential;
        }

        return building == "yes" && !tags.ContainsKey("amenity") && !tags.ContainsKey("shop") && !tags.ContainsKey("office")
            ? DwellingTagClass.YesIfInResidentialLanduse
            : DwellingTagClass.None;
    }

    /// <summary>True for a <c>landuse=residential</c> area.</summary>
    public static bool IsResidentialLanduse(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags.GetValueOrDefault("landuse") == "residential";
    }
}
