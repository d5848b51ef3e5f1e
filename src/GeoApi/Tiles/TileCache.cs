using Microsoft.AspNetCore.OutputCaching;

namespace CohesionGeo.GeoApi.Tiles;

/// <summary>
/// Evicts cached tiles when data change. Features call it after an import or edit, for example
/// <c>await tileCache.InvalidateAsync(TileDataKeys.Incidents, ct)</c>: every layer depending on those data
/// (and no other) is evicted from the output cache, for every visibility class.
/// </summary>
public sealed class TileCache(IOutputCacheStore store)
{
    /// <summary>Tag carried by every cached tile.</summary>
    public const string AllTilesTag = "tiles";

    public static string TagFor(string dataKey) => "tiles:" + dataKey;

    /// <exception cref="ArgumentOutOfRangeException">The key is not one of <see cref="TileDataKeys"/>.</exception>
    public async Task InvalidateAsync(string dataKey, CancellationToken ct = default)
    {
        if (!TileDataKeys.All.Contains(dataKey, StringComparer.Ordinal))
        {
            throw new ArgumentOutOfRangeException(nameof(dataKey), dataKey, $"Not a tile data key; use one of {string.Join(", ", TileDataKeys.All)}.");
        }

        await store.EvictByTagAsync(TagFor(dataKey), ct);
    }

    /// <summary>Evicts every cached tile (after a first-start load, for example).</summary>
    public async Task InvalidateAllAsync(CancellationToken ct = default) => await store.EvictByTagAsync(AllTilesTag, ct);
}
