namespace CohesionGeo.GeoApi.Tiles;

/// <summary>
/// How a layer is drawn: <c>categories</c> (one colour per value of <see cref="Property"/>),
/// <c>graduated</c> (colour ramp with breaks on a numeric property) or <c>single</c>. Colours are
/// colour-blind-safe (Paul Tol's muted palette, viridis, ColorBrewer YlOrBr).
/// </summary>
public sealed record Legend(string Kind, string? Property, IReadOnlyList<LegendEntry> Entries, LocalizedText? Note = null);
