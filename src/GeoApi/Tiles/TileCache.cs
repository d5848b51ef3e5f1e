using System.Collections.Frozen;
using Microsoft.AspNetCore.OutputCaching;

namespace CohesionGeo.GeoApi.Tiles;

/// <summary>
/// Evicts cached tiles when data change: every layer depending on the data key (and no other), for every
/// visibility class. Changes to the tables behind the layers are also noticed without a call, through the
/// database's notifications (migration 0502, <see cref="TileInvalidationListener"/>), so an import from the
/// CLI in another process evicts too; features may still call <c>await tileCache.InvalidateAsync(TileDataKeys.Incidents, ct)</c>
/// after an import to evict at once.
/// </summary>
public sealed class TileCache(IOutputCacheStore store)
{
    /// <summary>Tag carried by every cached tile.</summary>
    public const string AllTilesTag = "tiles";

    private static readonly FrozenDictionary<string, int> Slots =
        TileDataKeys.All.Select((k, i) => (k, i)).ToFrozenDictionary(p => p.k, p => p.i, StringComparer.Ordinal);

    // One counter per data key, raised before each eviction: a tile computed while its data changed is not stored.
    private readonly long[] _generations = new long[TileDataKeys.All.Count];

    public static string TagFor(string dataKey) => "tiles:" + dataKey;

    /// <exception cref="ArgumentOutOfRangeException">The key is not one of <see cref="TileDataKeys"/>.</exception>
    public async Task InvalidateAsync(string dataKey, CancellationToken ct = default)
    {
        if (!Slots.TryGetValue(dataKey, out var slot))
        {
            throw new ArgumentOutOfRangeException(nameof(dataKey), dataKey, $"Not a tile data key; use one of {string.Join(", ", TileDataKeys.All)}.");
        }

        Interlocked.Increment(ref _generations[slot]);
        await store.EvictByTagAsync(TagFor(dataKey), ct);
    }

    /// <summary>Evicts every cached tile (after a lost database notification connection, for example).</summary>
    public async Task InvalidateAllAsync(CancellationToken ct = default)
    {
        for (var i = 0; i < _generations.Length; i++)
        {
            Interlocked.Increment(ref _generations[i]);
        }

        await store.EvictByTagAsync(AllTilesTag, ct);
    }

    /// <summary>Sum of the generations of a layer's data keys: changes whenever any of them is invalidated.</summary>
    internal long GenerationOf(TileLayer layer)
    {
        long sum = 0;
        foreach (var key in layer.DependsOn)
        {
            sum += Volatile.Read(ref _generations[Slots[key]]);
        }

        return sum;
    }
}
