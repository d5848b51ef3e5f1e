using System.Text.Json.Serialization;

namespace CohesionGeo.GeoApi.Tiles;

/// <summary>
/// One legend row: a colour (#RRGGBB) for a category <see cref="Value"/>, or for the half-open range
/// <see cref="From"/> ≤ v &lt; <see cref="To"/> of a graduated property (absent bound = open).
/// </summary>
public sealed record LegendEntry(
    string Colour,
    LocalizedText Label,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Value = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? From = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? To = null);
