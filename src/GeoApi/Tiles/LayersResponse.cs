namespace CohesionGeo.GeoApi.Tiles;

/// <summary><c>GET /api/v1/layers</c>: the layers the caller may see, bottom first, and the caller's role.</summary>
public sealed record LayersResponse(string Role, IReadOnlyList<LayerInfo> Layers);
