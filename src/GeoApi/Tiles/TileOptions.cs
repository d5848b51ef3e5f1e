using System.Globalization;
using CohesionGeo.GeoApi.Hosting;

namespace CohesionGeo.GeoApi.Tiles;

/// <summary>
/// Tile caching settings, read once at start-up and validated there.
/// <c>COHESIONGEO_TILE_MAX_AGE</c>: seconds a browser may reuse a public tile (<c>Cache-Control: public, max-age</c>), default 60;
/// restricted tiles are always <c>private, no-store</c> so every read reaches the server and its audit log.
/// <c>COHESIONGEO_TILE_CACHE_MINUTES</c>: how long the server's output cache keeps a tile, default 1440 (evicted
/// earlier by <see cref="TileCache.InvalidateAsync"/> when the layer's data change).
/// <c>COHESIONGEO_TILE_CACHE_MB</c>: memory the output cache may hold, default 256 (least-recently-used tiles go first).
/// </summary>
public sealed record TileOptions
{
    public int BrowserMaxAgeSeconds { get; init; } = 60;

    public int ServerCacheMinutes { get; init; } = 1440;

    public int ServerCacheMegabytes { get; init; } = 256;

    /// <param name="variables">Where to read variables; the process environment when null (tests pass their own).</param>
    /// <exception cref="OptionsException">A value is not a whole number in range.</exception>
    public static TileOptions FromEnvironment(Func<string, string?>? variables = null)
    {
        var get = variables ?? Environment.GetEnvironmentVariable;
        return new TileOptions
        {
            BrowserMaxAgeSeconds = Read(get, "COHESIONGEO_TILE_MAX_AGE", 60, 0, 86_400),
            ServerCacheMinutes = Read(get, "COHESIONGEO_TILE_CACHE_MINUTES", 1440, 1, 525_600),
            ServerCacheMegabytes = Read(get, "COHESIONGEO_TILE_CACHE_MB", 256, 1, 65_536),
        };
    }

    private static int Read(Func<string, string?> get, string name, int fallback, int min, int max)
    {
        var text = get(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new OptionsException($"{name}='{text}' must be a whole number from {min} to {max}.");
        }

        return value;
    }
}
