namespace CohesionGeo.GeoEngine.Import;

/// <summary>
/// One validated police.uk street-level row. <see cref="Longitude"/>/<see cref="Latitude"/> are WGS84
/// degrees of police.uk's anonymised snap point (not the true location), both null when the row has
/// no location (kept by LSOA only, or by neither when police.uk gives "No Location").
/// </summary>
public sealed record PoliceUkRow(
    string RowKey,
    long Line,
    string? CrimeId,
    DateOnly Month,
    string? ReportedBy,
    string? FallsWithin,
    double? Longitude,
    double? Latitude,
    string? Location,
    string? LsoaCode,
    string? LsoaName,
    string CrimeType,
    string? LastOutcome,
    string? Context);
