using System.Runtime.CompilerServices;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Store;
using Npgsql;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>
/// The API's in-memory routing graph: loaded lazily from PostGIS on first use, shared by every request,
/// and reloaded when <c>network.imports</c> shows a newer import (checked on each call: one tiny query).
/// One provider per data source: <c>RoutingNetworkProvider.For(dataSource)</c> (no registration needed).
/// </summary>
public sealed class RoutingNetworkProvider
{
    private static readonly ConditionalWeakTable<NpgsqlDataSource, RoutingNetworkProvider> Providers = [];
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Loaded? _current;

    private RoutingNetworkProvider(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <summary>The provider of a data source (the API's singleton data source gives the API's singleton graph).</summary>
    public static RoutingNetworkProvider For(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return Providers.GetValue(dataSource, ds => new RoutingNetworkProvider(ds));
    }

    /// <summary>The current network and its routing context, or null when no network is loaded.</summary>
    public async Task<(LoadedNetwork Network, RoutingContext Context)?> GetAsync(CancellationToken ct)
    {
        var latest = await NetworkReader.LatestImportIdAsync(_dataSource, ct);
        var current = _current;
        if (current is not null && current.Network.ImportId == latest)
        {
            return (current.Network, current.Context);
        }

        await _loading.WaitAsync(ct);
        try
        {
            current = _current;
            if (current is not null && current.Network.ImportId == latest)
            {
                return (current.Network, current.Context);
            }

            var network = await NetworkReader.ReadAsync(_dataSource, ct);
            if (network is null)
            {
                _current = null;
                return null;
            }

            current = new Loaded(network, new RoutingContext(network.Graph));
            _current = current;
            return (current.Network, current.Context);
        }
        finally
        {
            _loading.Release();
        }
    }

    private sealed record Loaded(LoadedNetwork Network, RoutingContext Context);
}
