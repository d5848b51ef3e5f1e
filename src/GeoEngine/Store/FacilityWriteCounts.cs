namespace CohesionGeo.GeoEngine.Store;

/// <summary>What a facilities write did: facilities created, existing facilities that gained a source, source records added.</summary>
public sealed record FacilityWriteCounts(int FacilitiesAdded, int FacilitiesUpdated, int SourcesAdded);
