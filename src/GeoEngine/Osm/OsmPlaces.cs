using CohesionGeo.GeoEngine.Places;

namespace CohesionGeo.GeoEngine.Osm;

/// <summary>What <see cref="OsmPlacesReader"/> found: service POIs and residential buildings (EPSG:27700).</summary>
public sealed record OsmPlaces(
    IReadOnlyList<FacilityRecord> Facilities,
    IReadOnlyList<DwellingPoint> Dwellings,
    int ResidentialLanduseAreas,
    int BuildingYesInResidential);
