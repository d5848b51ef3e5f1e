using NetTopologySuite.Features;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace CohesionGeo.GeoApi.Tests.Tiles;

/// <summary>Decodes Mapbox vector tiles with NetTopologySuite's reader (an independent decoder), geometry in WGS84.</summary>
internal static class Mvt
{
    public static IReadOnlyDictionary<string, IReadOnlyList<IFeature>> Decode(byte[] bytes, int z, int x, int y)
    {
        using var stream = new MemoryStream(bytes);
        var tile = new MapboxTileReader().Read(stream, new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, z));
        return tile.Layers.ToDictionary(l => l.Name, l => (IReadOnlyList<IFeature>)[.. l.Features]);
    }

    public static object? Get(this IFeature f, string name) => f.Attributes.Exists(name) ? f.Attributes[name] : null;

    /// <summary>XYZ tile holding a WGS84 point (the slippy-map formula).</summary>
    public static (int X, int Y) TileOf(double lon, double lat, int z)
    {
        var n = 1 << z;
        var x = (int)Math.Floor((lon + 180.0) / 360.0 * n);
        var latRad = lat * Math.PI / 180.0;
        var y = (int)Math.Floor((1.0 - Math.Log(Math.Tan(latRad) + (1.0 / Math.Cos(latRad))) / Math.PI) / 2.0 * n);
        return (x, y);
    }

    /// <summary>WGS84 centre of an XYZ tile.</summary>
    public static (double Lon, double Lat) CentreOf(int z, int x, int y)
    {
        var n = (double)(1 << z);
        var lon = ((x + 0.5) / n * 360.0) - 180.0;
        var lat = Math.Atan(Math.Sinh(Math.PI * (1 - (2 * (y + 0.5) / n)))) * 180.0 / Math.PI;
        return (lon, lat);
    }
}
