using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Store.Tiles;

namespace CohesionGeo.GeoApi.Tiles;

/// <summary>
/// What one group of roles receives for a layer. <see cref="Class"/> is the caller's visibility class:
/// the output cache is keyed by it, so two callers share a cached tile only when they would get the same bytes.
/// </summary>
public sealed record TileVariant(string Class, Role[] Roles, TileQuery Query);
