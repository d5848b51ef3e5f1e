namespace CohesionGeo.GeoEngine.Store.Tiles;

/// <summary>The geometry kind a tile layer holds (sets whether it is simplified per zoom).</summary>
public enum TileGeometry
{
    /// <summary>Points: never simplified.</summary>
    Point,

    /// <summary>Lines: simplified to one tile unit at the requested zoom.</summary>
    Line,

    /// <summary>Polygons: simplified to one tile unit at the requested zoom.</summary>
    Polygon,

    /// <summary>Mixed points, lines and polygons (officer observations): simplified like lines.</summary>
    Mixed,
}
