using System.Text.Json.Serialization;

namespace CohesionGeo.GeoApi.Tiles;

/// <summary>One entry of TileJSON <c>vector_layers</c>.</summary>
public sealed record TileJsonVectorLayer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("fields")] IReadOnlyDictionary<string, string> Fields,
    [property: JsonPropertyName("minzoom")] int MinZoom,
    [property: JsonPropertyName("maxzoom")] int MaxZoom);
