using System.Runtime.CompilerServices;
using CohesionGeo.GeoApi.Hosting;
using Npgsql;

namespace CohesionGeo.GeoApi.Access;

/// <summary>
/// Recomputes, in the background, the service kinds whose facilities changed (after an import through
/// the API), one run at a time per database: a change while a run is going schedules one more run.
/// Uses the API's shared routing graph (or the sample's OSM extract when no network is loaded).
/// </summary>
public sealed class AccessRecomputer
{
    private static readonly ConditionalWeakTable<NpgsqlDataSource, AccessRecomputer> Instances = [];
    private readonly NpgsqlDataSource _dataSource;
    private readonly object _gate = new();
    private bool _pending;
    private Task _current = Task.CompletedTask;

    private AccessRecomputer(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <summary>The recomputer of a data source.</summary>
    public static AccessRecomputer For(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return Instances.GetValue(dataSource, ds => new AccessRecomputer(ds));
    }

    /// <summary>Asks for a recompute of stale kinds; returns at once.</summary>
    public void Schedule(ILogger logger)
    {
        lock (_gate)
        {
            _pending = true;
            if (_current.IsCompleted)
            {
                _current = Task.Run(() => LoopAsync(logger));
            }
        }
    }

    /// <summary>Completes when no recompute is running or pending (tests, shutdown).</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            Task current;
            lock (_gate)
            {
                current = _current;
                if (current.IsCompleted && !_pending)
                {
                    return;
                }
            }

            await current;
        }
    }

    private async Task LoopAsync(ILogger logger)
    {
        while (true)
        {
            lock (_gate)
            {
                if (!_pending)
                {
                    return;
                }

                _pending = false;
            }

            try
            {
                var kinds = await AccessComputation.StaleKindsAsync(_dataSource, CancellationToken.None);
                if (kinds.Count == 0)
                {
                    continue;
                }

                var (graph, importId) = await RoutingNetworkProvider.For(_dataSource).GetAsync(CancellationToken.None) is { } loaded
                    ? (loaded.Network.Graph, loaded.Network.ImportId)
                    : await AccessGraph.LoadAsync(_dataSource, Path.Combine(CohesionGeoOptions.FindHome(), "data"), CancellationToken.None);
                var report = await AccessComputation.RunAsync(_dataSource, graph, importId, kinds, null, CancellationToken.None);
                var transit = await TransitAccessComputation.RunAsync(_dataSource, kinds, report, CancellationToken.None); // issue 5
                AccessLog.Recomputed(logger, report.OneLine() + "; " + transit);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or ObjectDisposedException or IOException or TimeoutException)
            {
                AccessLog.RecomputeFailed(logger, ex);
            }
        }
    }
}
