using System.Text.Json.Serialization;

namespace CohesionGeo.GeoApi.Tiles;

/// <summary>A TileJSON 3.0.0 document for one layer (field names as the TileJSON specification spells them).</summary>
public sealed record TileJson(
    [property: JsonPropertyName("tilejson")] string Version,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("attribution")] string Attribution,
    [property: JsonPropertyName("tiles")] IReadOnlyList<string> Tiles,
    [property: JsonPropertyName("minzoom")] int MinZoom,
    [property: JsonPropertyName("maxzoom")] int MaxZoom,
    [property: JsonPropertyName("vector_layers")] IReadOnlyList<TileJsonVectorLayer> VectorLayers);
