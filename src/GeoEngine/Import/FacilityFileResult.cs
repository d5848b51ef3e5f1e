using CohesionGeo.GeoEngine.Places;

namespace CohesionGeo.GeoEngine.Import;

/// <summary>A parsed facilities file: the valid rows (with their line) and every error found.</summary>
public sealed record FacilityFileResult(IReadOnlyList<(int Line, FacilityRecord Record)> Rows, IReadOnlyList<ImportError> Errors);
