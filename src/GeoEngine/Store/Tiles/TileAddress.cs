namespace CohesionGeo.GeoEngine.Store.Tiles;

/// <summary>
/// One XYZ tile in the Web Mercator (EPSG:3857) tiling scheme used by Leaflet and MapLibre:
/// zoom <c>Z</c> in 0–<see cref="MaxZoom"/>, column <c>X</c> and row <c>Y</c> in 0–2^Z−1, row 0 at the north.
/// </summary>
public readonly record struct TileAddress(int Z, int X, int Y)
{
    /// <summary>Highest zoom served (about 4 cm per tile unit at the equator).</summary>
    public const int MaxZoom = 22;

    /// <summary>Tile coordinate units per tile side in the MVT (the Mapbox default).</summary>
    public const int Extent = 4096;

    /// <summary>Width of the whole Web Mercator square in metres (2π × 6 378 137).</summary>
    public const double WorldWidthMetres = 40075016.685578488;

    /// <summary>True when z is 0–22 and x, y are inside 0–2^z−1.</summary>
    public static bool IsValid(int z, int x, int y) =>
        z is >= 0 and <= MaxZoom && x >= 0 && y >= 0 && x < (1L << z) && y < (1L << z);

    /// <summary>Size of one MVT coordinate unit in EPSG:3857 metres: the simplification tolerance at this zoom.</summary>
    public double UnitMetres => WorldWidthMetres / (1L << Z) / Extent;
}
