using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoEngine.Store;
using Npgsql;

namespace CohesionGeo.GeoApi.Cli;

/// <summary>
/// The database a CLI verb works on: the embedded cluster (left as found) or <c>COHESIONGEO_DB</c>,
/// migrated, with a data source. Disposing releases both.
/// </summary>
internal sealed class CliDatabase : IAsyncDisposable
{
    private readonly ProvisionedDatabase _database;

    private CliDatabase(ProvisionedDatabase database, NpgsqlDataSource dataSource)
    {
        _database = database;
        DataSource = dataSource;
    }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<CliDatabase> OpenAsync(CohesionGeoOptions options, CancellationToken ct)
    {
        var database = await ProvisionedDatabase.OpenAsync(options, stopAdopted: false, ct);
        try
        {
            await DatabaseSetup.PrepareAsync(database.ConnectionString, cancellationToken: ct);
            return new CliDatabase(database, GeoDataSource.Create(database.ConnectionString));
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }
}
