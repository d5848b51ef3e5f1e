namespace CohesionGeo.GeoApi.Tiles;

/// <summary>
/// A layer as <c>GET /api/v1/layers</c> shows it: enough for a Leaflet map (Leaflet.VectorGrid) to add it:
/// the tile URL template, the MVT layer name to style, native zooms, legend and attribution.
/// </summary>
/// <param name="Id">Catalogue id, used in the tile URL.</param>
/// <param name="Title">English and Welsh titles.</param>
/// <param name="Geometry">point, line, polygon or mixed.</param>
/// <param name="MinZoom">Lowest zoom served.</param>
/// <param name="MaxZoom">Highest zoom served (over-zoom on the client beyond it).</param>
/// <param name="Tiles">URL template, <c>/tiles/{id}/{z}/{x}/{y}.mvt</c>.</param>
/// <param name="TileJson">TileJSON 3.0 document for the layer.</param>
/// <param name="SourceLayer">Layer name inside the MVT.</param>
/// <param name="Properties">Attributes each feature may carry.</param>
/// <param name="Legend">Colours and breaks.</param>
/// <param name="Roles">Roles that may see the layer in some form.</param>
/// <param name="Restricted">Not for viewers; every tile read is audited.</param>
/// <param name="Detail">What this caller gets, for example <c>suppressed</c> (small counts hidden) or <c>exact</c>.</param>
/// <param name="Attribution">Text the map must show while the layer is on.</param>
/// <param name="MonthFilter">True when tiles take <c>?from=yyyy-MM&amp;to=yyyy-MM</c> (see <c>GET /api/v1/layers/filters</c>).</param>
public sealed record LayerInfo(
    string Id, LocalizedText Title, string Geometry, int MinZoom, int MaxZoom, string Tiles, string TileJson, string SourceLayer,
    IReadOnlyList<string> Properties, Legend Legend, IReadOnlyList<string> Roles, bool Restricted, string Detail, string Attribution, bool MonthFilter);
