namespace CohesionGeo.GeoEngine.Store;

/// <summary>One version of a tension report: who changed it, when, and the state after the change (JSON).</summary>
public sealed record TensionHistoryRow(int Version, string Change, string ChangedBy, DateTimeOffset ChangedAt, string StateJson);
