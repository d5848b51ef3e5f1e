using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;
using Npgsql;

namespace CohesionGeo.GeoApi.Assessment;

/// <summary>
/// What the site dossier keeps between requests, per database: values keyed on the data versions of migration 0601
/// (bumped by every statement that changes risk.incidents, places.areas or places.facilities, from any process), so an
/// import is seen by the next request: the facilities, the LSOA densities and the hot spot classes of a 12-month
/// window, and (per loaded street network, which is replaced on reload) the facilities linked to each mode's network.
/// Bounded: a table past <see cref="Limit"/> entries is emptied. Thread-safe; two requests may compute the same entry.
/// </summary>
internal sealed class DossierCache
{
    /// <summary>Most entries kept per table.</summary>
    public const int Limit = 64;

    private static readonly ConditionalWeakTable<NpgsqlDataSource, DossierCache> Caches = new();
    private readonly ConcurrentDictionary<string, object> _entries = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<RoutingContext, ConcurrentDictionary<string, FacilityLinks>> _links = new();

    /// <summary>The cache of one database.</summary>
    public static DossierCache For(NpgsqlDataSource dataSource) => Caches.GetValue(dataSource, _ => new DossierCache());

    /// <summary>The value under <paramref name="key"/> (which must name the data versions it rests on), computed on a miss.</summary>
    public async Task<T> GetAsync<T>(string key, Func<Task<T>> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (_entries.TryGetValue(key, out var hit))
        {
            return (T)hit;
        }

        var value = await compute();
        if (_entries.Count >= Limit)
        {
            _entries.Clear();
        }

        _entries[key] = value!;
        return value;
    }

    /// <summary>The facilities (under <paramref name="key"/>: facilities version and kinds) linked to <paramref name="context"/>'s network for a mode.</summary>
    public FacilityLinks Links(RoutingContext context, TravelMode mode, string key, Func<FacilityLinks> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var table = _links.GetValue(context, _ => new ConcurrentDictionary<string, FacilityLinks>(StringComparer.Ordinal));
        var full = $"{mode}|{key}";
        if (table.TryGetValue(full, out var hit))
        {
            return hit;
        }

        var value = compute();
        if (table.Count >= Limit)
        {
            table.Clear();
        }

        table[full] = value;
        return value;
    }

    /// <summary>Facilities a mode can reach: their indexes into the facility arrays, and the same points linked (null when none).</summary>
    internal sealed record FacilityLinks(int[] Linkable, LinkedPointSet? Points);
}
