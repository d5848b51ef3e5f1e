using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.GeoEngine.Transit;
using Npgsql;

namespace CohesionGeo.GeoApi.Transit;

/// <summary>
/// The API's transit routers: feeds read from <c>transit.*</c> once (re-read when a feed is
/// imported), one timetable per service date, walk legs on the street network when one is loaded
/// (else straight line × 1.3, reported as an approximation). One provider per data source.
/// </summary>
internal sealed class TransitRouterProvider
{
    private static readonly ConditionalWeakTable<NpgsqlDataSource, TransitRouterProvider> Providers = [];
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<(DateOnly Date, object? Network), TransitRouter> _routers = new();
    private string? _version;
    private IReadOnlyList<GtfsFeed> _feeds = [];
    private DateOnly? _defaultDate;

    private TransitRouterProvider(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public static TransitRouterProvider For(NpgsqlDataSource dataSource) => Providers.GetValue(dataSource, ds => new TransitRouterProvider(ds));

    /// <summary>The default feeds (empty when none is loaded) and the default date (a Tuesday).</summary>
    public async Task<(IReadOnlyList<GtfsFeed> Feeds, DateOnly? DefaultDate)> FeedsAsync(CancellationToken ct)
    {
        await using var cmd = _dataSource.CreateCommand(
            "SELECT coalesce(string_agg(name || ':' || sha256, ',' ORDER BY name), '') FROM transit.feeds WHERE in_default");
        var version = (string)(await cmd.ExecuteScalarAsync(ct))!;
        if (version == _version)
        {
            return (_feeds, _defaultDate);
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (version != _version)
            {
                _feeds = await TransitStore.ReadAsync(_dataSource, [], ct);
                _defaultDate = DefaultDate(_feeds);
                _routers.Clear();
                _version = version;
            }

            return (_feeds, _defaultDate);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A router for <paramref name="date"/> over the default feeds.</summary>
    /// <exception cref="NoServiceException">No trip runs on that date.</exception>
    public async Task<TransitRouter?> RouterAsync(DateOnly date, CancellationToken ct)
    {
        var (feeds, _) = await FeedsAsync(ct);
        if (feeds.Count == 0)
        {
            return null;
        }

        var network = await RoutingNetworkProvider.For(_dataSource).GetAsync(ct);
        var key = (date, (object?)network?.Context);
        if (_routers.TryGetValue(key, out var router))
        {
            return router;
        }

        var timetable = TimetableBuilder.Build(feeds, date);
        IWalkLegs walk = network is { } n ? new StreetWalkLegs(timetable, n.Context) : new StraightLineWalkLegs(timetable);
        router = new TransitRouter(timetable, walk);
        if (_routers.Count > 8)
        {
            _routers.Clear();
        }

        return _routers.GetOrAdd(key, router);
    }

    /// <summary>The Tuesday on which the most trips of the default feeds run (the earliest such), or null.</summary>
    public static DateOnly? DefaultDate(IReadOnlyList<GtfsFeed> feeds)
    {
        var calendars = feeds.Select(f => (Calendar: new ServiceCalendar(f), Trips: f.Trips.GroupBy(t => t.ServiceId).ToDictionary(g => g.Key, g => g.Count()))).ToList();
        var first = calendars.Select(c => c.Calendar.First).Where(d => d is not null).Min();
        var last = calendars.Select(c => c.Calendar.Last).Where(d => d is not null).Max();
        if (first is not { } from || last is not { } to)
        {
            return null;
        }

        DateOnly? best = null;
        var bestTrips = 0;
        for (var d = from.AddDays(((int)DayOfWeek.Tuesday - (int)from.DayOfWeek + 7) % 7); d <= to; d = d.AddDays(7))
        {
            var day = d;
            var trips = calendars.Sum(c => c.Calendar.ActiveOn(day).Sum(s => c.Trips.GetValueOrDefault(s)));
            if (trips > bestTrips)
            {
                bestTrips = trips;
                best = d;
            }
        }

        return best;
    }
}
