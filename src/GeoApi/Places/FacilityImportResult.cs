using CohesionGeo.GeoEngine.Import;

namespace CohesionGeo.GeoApi.Places;

/// <summary>
/// The answer to a facilities import: rows accepted (valid), rejected (with errors), and what was
/// written: facilities created, existing facilities the rows were merged into, source records added
/// (0 on a second import of the same file). <see cref="Written"/> is false when nothing was written
/// because of errors (without <c>skip_invalid</c>).
/// </summary>
public sealed record FacilityImportResult(
    int Accepted,
    int Rejected,
    bool Written,
    int FacilitiesAdded,
    int MergedIntoExisting,
    int SourcesAdded,
    IReadOnlyList<ImportError> Errors);
