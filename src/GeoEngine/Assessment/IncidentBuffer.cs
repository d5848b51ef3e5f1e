using CohesionGeo.GeoEngine.Risk;

namespace CohesionGeo.GeoEngine.Assessment;

/// <summary>
/// police.uk rows within <see cref="DistanceMetres"/> of a boundary (EPSG:27700 metres; points inside the
/// boundary are at distance 0, so a buffer includes the site and every smaller buffer).
/// </summary>
/// <param name="DistanceMetres">Buffer distance from the boundary, metres.</param>
/// <param name="Total">Rows in the buffer over the period.</param>
/// <param name="ByCategory">Per police.uk category, largest first (ties by name).</param>
/// <param name="Monthly">Rows per month, oldest first, one entry per month of the period.</param>
/// <param name="Trend">Last 3 months against the 9 before (only for a 12-month period; else null).</param>
public sealed record IncidentBuffer(int DistanceMetres, long Total, IReadOnlyList<CategoryCount> ByCategory, long[] Monthly, TrendResult? Trend);
