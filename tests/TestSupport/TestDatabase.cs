using CohesionGeo.GeoEngine.Store;
using Npgsql;
using Xunit;

namespace CohesionGeo.TestSupport;

/// <summary>
/// A class fixture: the test class gets its own freshly migrated database, dropped afterwards.
/// Use as <c>IClassFixture&lt;TestDatabase&gt;</c>.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private PostgisServer? _server;
    private NpgsqlDataSource? _dataSource;

    public string ConnectionString { get; private set; } = string.Empty;

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public async Task InitializeAsync()
    {
        _server = await PostgisServer.GetAsync();
        ConnectionString = await _server.CreateDatabaseAsync();
        _dataSource = GeoDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_server is not null && ConnectionString.Length > 0)
        {
            await _server.DropDatabaseAsync(ConnectionString);
        }
    }

    /// <summary>Runs a scalar query (test assertions only).</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
