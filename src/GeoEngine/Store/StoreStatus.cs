namespace CohesionGeo.GeoEngine.Store;

/// <summary>What the database holds, for <c>/health</c> and the start-up summary.</summary>
/// <param name="PostgresVersion">Server version string.</param>
/// <param name="PostGisVersion">PostGIS library version.</param>
/// <param name="PgRoutingVersion">pgRouting version.</param>
/// <param name="Counts">Row counts by key (for example <c>edges</c>, <c>incidents</c>).</param>
public sealed record StoreStatus(string PostgresVersion, string PostGisVersion, string PgRoutingVersion, IReadOnlyDictionary<string, long> Counts);
