namespace CohesionGeo.GeoEngine.Import;

/// <summary>One active Welsh practice of the ODS epraccur list (code W9xxxx, status A).</summary>
public sealed record NhsGpPractice(int Line, string Code, string Name, string Postcode, string HealthBoard);
