namespace CohesionGeo.GeoApi.Places;

/// <summary>Counts from a places load (reported on the console and by tests).</summary>
public sealed record PlacesLoadSummary(
    int OsmFacilityRecords,
    int NhsGpPractices,
    IReadOnlyList<string> UnmatchedGpPostcodes,
    int HospitalSites,
    int FacilitiesAdded,
    int SourcesAdded,
    IReadOnlyDictionary<string, long> FacilitiesByKind,
    int Lsoas,
    int HexCellsAdded,
    int OsmDwellingsAdded,
    int CentroidDwellingsAdded,
    IReadOnlyList<(string Kind, string Primary, string Merged)> CrossSourceMerges)
{
    public string OneLine() =>
        $"{FacilitiesByKind.Values.Sum()} facilities ({string.Join(", ", FacilitiesByKind.Select(kv => $"{kv.Key} {kv.Value}"))}); " +
        $"{CrossSourceMerges.Count} merged across sources; {NhsGpPractices} NHS GP practices, {UnmatchedGpPostcodes.Count} postcodes unmatched" +
        (UnmatchedGpPostcodes.Count > 0 ? $" ({string.Join(", ", UnmatchedGpPostcodes)})" : string.Empty) +
        $"; {Lsoas} LSOAs; {HexCellsAdded} hex cells added; {OsmDwellingsAdded} OSM dwellings + {CentroidDwellingsAdded} LSOA centroids";
}
