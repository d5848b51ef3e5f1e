namespace CohesionGeo.GeoEngine.Import;

/// <summary>One problem found in an input file.</summary>
/// <param name="Line">1-based physical line of the record in the file (the header is line 1); for GeoJSON, the 1-based feature number.</param>
/// <param name="Field">The column name as published (for example <c>Longitude</c>), or <c>(record)</c> / <c>(file)</c>.</param>
/// <param name="Reason">What is wrong, in one sentence.</param>
public sealed record ImportError(long Line, string Field, string Reason);
