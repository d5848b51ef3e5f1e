namespace CohesionGeo.GeoEngine.Store;

/// <summary>An officer's recommendation on a planning application; <see cref="Adopted"/> null until decided.</summary>
public sealed record DocoRecommendationRow(
    long Id, string ApplicationRef, long? SiteId, string Recommendation, DateOnly MadeOn, bool? Adopted, DateOnly? DecidedOn, string CreatedBy, string? UpdatedBy);
