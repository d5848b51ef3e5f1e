namespace CohesionGeo.GeoEngine.Import;

/// <summary>Outcome of importing one file (one transaction).</summary>
/// <param name="File">File name as given.</param>
/// <param name="Accepted">Rows newly written (0 when the file was rejected).</param>
/// <param name="Rejected">Rows with errors.</param>
/// <param name="AlreadyPresent">Valid rows already in the database (same row key): a repeated import adds nothing.</param>
/// <param name="WithoutLocation">Valid rows without coordinates (kept by LSOA only).</param>
/// <param name="Committed">True when the transaction was committed.</param>
/// <param name="Errors">Line, field and reason of each problem (the first 200).</param>
public sealed record ImportResult(string File, long Accepted, long Rejected, long AlreadyPresent, long WithoutLocation, bool Committed, IReadOnlyList<ImportError> Errors);
