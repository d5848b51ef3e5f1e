namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// Counts per cell of the shared hex grid, in one order across the arrays: cell code, centre
/// (EPSG:27700 metres), count, and the cell outline as WGS84 GeoJSON text.
/// </summary>
public sealed record HexCellCounts(string[] Codes, double[] X, double[] Y, double[] Counts, string[] GeoJson);
