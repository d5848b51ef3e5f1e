namespace CohesionGeo.GeoEngine.Import;

/// <summary>One rejected row: 1-based line of the file (for GeoJSON, the 1-based feature number), the field, and why.</summary>
public sealed record ImportError(int Line, string Field, string Reason);
