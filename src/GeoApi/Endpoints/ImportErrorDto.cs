namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>One import problem on the wire: 1-based line (or GeoJSON feature number), field, reason.</summary>
public sealed record ImportErrorDto(long Line, string Field, string Reason);
