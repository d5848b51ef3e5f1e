namespace CohesionGeo.GeoEngine.Accessibility;

/// <summary>An area to rank: its code, context shown beside the index (rural–urban class, WIMD rank, dwellings), and its service figures.</summary>
public sealed record IsolationArea(string Code, string? Name, string? Ruc, int? WimdRank, int Dwellings, IReadOnlyList<IsolationServiceInput> Services);
