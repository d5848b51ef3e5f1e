namespace CohesionGeo.GeoApi.Tiles;

/// <summary>
/// <c>GET /api/v1/layers/filters</c>: what the map's filters may offer this caller.
/// </summary>
/// <param name="Months">Every month (<c>yyyy-MM</c>) from the first to the last holding incidents, or tension reports
/// when the caller may see the tension layer; empty when neither is loaded.</param>
/// <param name="MaxMonths">Longest month range a tile request may ask for.</param>
/// <param name="MonthLayers">Layer ids (of those the caller may see) whose tiles take <c>?from=&amp;to=</c>.</param>
/// <param name="Access">Service kinds with travel times, each with its modes (walk, cycle, drive, transit); the
/// access_lsoa/access_hex attribute is <c>&lt;kind&gt;_&lt;mode&gt;</c>.</param>
public sealed record LayerFilters(IReadOnlyList<string> Months, int MaxMonths, IReadOnlyList<string> MonthLayers, IReadOnlyList<AccessSurface> Access);
