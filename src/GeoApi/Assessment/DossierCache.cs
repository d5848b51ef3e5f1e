using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Transit;
using Npgsql;

namespace CohesionGeo.GeoApi.Assessment;

/// <summary>
/// What the site dossier keeps between requests, per database: values keyed on the data versions of migration 0601
/// (bumped by every statement that changes risk.incidents, places.areas or places.facilities, from any process), so an
/// import is seen by the next request: the facilities, the LSOA densities and the hot spot classes of a 12-month
/// window, and (per loaded street network, which is replaced on reload) the facilities linked to each mode's network.
/// Per transit router (one per default feeds' version, service date and street network: a feed import makes a new
/// router, so its entries are dropped with the old one) the evening way-home search from each facility, as stop arrival
/// profiles keyed on the facilities version, the facility and the window (<see cref="EveningProfiles"/>).
/// Bounded: a table past <see cref="Limit"/> entries is emptied (the profiles also past <see cref="ProfileCellLimit"/>
/// stored improvements). Thread-safe; two requests may compute the same entry.
/// </summary>
internal sealed class DossierCache
{
    /// <summary>Most entries kept per table.</summary>
    public const int Limit = 64;

    private static readonly ConditionalWeakTable<NpgsqlDataSource, DossierCache> Caches = new();
    private readonly ConcurrentDictionary<string, object> _entries = new(StringComparer.Ordinal);
    /// <summary>Most stop-arrival improvements kept per router over all profiles (8 bytes each: 64 MB).</summary>
    public const long ProfileCellLimit = 8_000_000;

    private readonly ConditionalWeakTable<RoutingContext, ConcurrentDictionary<string, FacilityLinks>> _links = new();
    private readonly ConditionalWeakTable<TransitRouter, ProfileTable> _profiles = new();

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

    /// <summary>
    /// The evening search from each facility (<paramref name="origins"/>, their ids in <paramref name="facilityIds"/>)
    /// over <paramref name="window"/> on <paramref name="router"/>: kept profiles, the missing ones computed in parallel.
    /// Keyed on the facilities data version, the facility id and point and the window with its walk settings.
    /// </summary>
    public StopArrivalProfile[] EveningProfiles(TransitRouter router, long facilitiesVersion, IReadOnlyList<long> facilityIds, IReadOnlyList<LonLat> origins, TransitWindow window)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(facilityIds);
        ArgumentNullException.ThrowIfNull(origins);
        var table = _profiles.GetValue(router, _ => new ProfileTable());
        var result = new StopArrivalProfile[origins.Count];
        var keys = new ProfileKey[origins.Count];
        var missing = new List<int>();
        for (var i = 0; i < origins.Count; i++)
        {
            keys[i] = new ProfileKey(facilitiesVersion, facilityIds[i], origins[i].Lon, origins[i].Lat, window);
            if (table.Entries.TryGetValue(keys[i], out var hit))
            {
                result[i] = hit;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count == 0)
        {
            return result;
        }

        var computed = router.Profiles([.. missing.Select(i => origins[i])], window);
        lock (table)
        {
            for (var m = 0; m < missing.Count; m++)
            {
                var i = missing[m];
                result[i] = computed[m];
                if (table.Entries.Count >= Limit || table.Cells + computed[m].Count > ProfileCellLimit)
                {
                    table.Entries.Clear();
                    table.Cells = 0;
                }

                if (table.Entries.TryAdd(keys[i], computed[m]))
                {
                    table.Cells += computed[m].Count;
                }
            }
        }

        return result;
    }

    /// <summary>Kept evening profiles over every live router and their stored improvements (8 bytes each).</summary>
    public (int Profiles, long Cells) ProfileSize()
    {
        var (profiles, cells) = (0, 0L);
        foreach (var (_, table) in _profiles)
        {
            lock (table)
            {
                profiles += table.Entries.Count;
                cells += table.Cells;
            }
        }

        return (profiles, cells);
    }

    /// <summary>Kept profiles of one router and their total size (improvements); writes under the table's lock.</summary>
    private sealed class ProfileTable
    {
        public ConcurrentDictionary<ProfileKey, StopArrivalProfile> Entries { get; } = new();

        public long Cells { get; set; }
    }

    private readonly record struct ProfileKey(long FacilitiesVersion, long FacilityId, double Lon, double Lat, TransitWindow Window);

    /// <summary>Facilities a mode can reach: their indexes into the facility arrays, and the same points linked (null when none).</summary>
    internal sealed record FacilityLinks(int[] Linkable, LinkedPointSet? Points);
}
