namespace CohesionGeo.GeoEngine.Store;

/// <summary>One DOCO feature; <see cref="GeoJson"/> is its geometry in WGS84.</summary>
public sealed record DocoFeatureRow(long Id, string Kind, string Source, string? Note, DateOnly? ObservedOn, long? EdgeId, string? CreatedBy, string GeoJson);
