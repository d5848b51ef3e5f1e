namespace CohesionGeo.GeoEngine.Store;

/// <summary>Outcome of writing a network: its import id, counts, and whether the same file was already loaded (nothing written).</summary>
public sealed record NetworkImportResult(long ImportId, int Nodes, int Edges, bool Unchanged);
