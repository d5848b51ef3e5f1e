using CohesionGeo.GeoEngine.Store;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>
/// The database in use: either <c>COHESIONGEO_DB</c> (never touched beyond migrations) or the embedded
/// cluster under <c>.cohesiongeo/</c>, which is stopped on dispose unless it was already running.
/// </summary>
public sealed class ProvisionedDatabase : IAsyncDisposable
{
    public const string EmbeddedDatabaseName = "cohesiongeo";

    private readonly EmbeddedCluster? _cluster;
    private readonly bool _stopOnDispose;

    private ProvisionedDatabase(string connectionString, EmbeddedCluster? cluster, bool stopOnDispose)
    {
        ConnectionString = connectionString;
        _cluster = cluster;
        _stopOnDispose = stopOnDispose;
    }

    public string ConnectionString { get; }

    public bool IsEmbedded => _cluster is not null;

    /// <summary>Starts (or adopts) the embedded cluster, or takes <c>COHESIONGEO_DB</c> as it is.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="stopAdopted">Whether to stop a cluster that was already running when we found it.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<ProvisionedDatabase> OpenAsync(CohesionGeoOptions options, bool stopAdopted, CancellationToken ct)
    {
        if (options.DatabaseUrl is { } external)
        {
            return new ProvisionedDatabase(external, null, false);
        }

        var cluster = await EmbeddedCluster.StartAsync(options.StateDirectory, durable: true, ct);
        try
        {
            await cluster.EnsureDatabaseAsync(EmbeddedDatabaseName, ct);
        }
        catch
        {
            if (!cluster.AdoptedRunningServer)
            {
                await cluster.StopAsync();
            }

            throw;
        }

        return new ProvisionedDatabase(cluster.ConnectionString(EmbeddedDatabaseName), cluster, stopAdopted || !cluster.AdoptedRunningServer);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null && _stopOnDispose)
        {
            await _cluster.StopAsync();
        }
    }
}
