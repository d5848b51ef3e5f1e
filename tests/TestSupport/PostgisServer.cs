using CohesionGeo.GeoEngine.Store;
using Npgsql;
using Testcontainers.PostgreSql;

namespace CohesionGeo.TestSupport;

/// <summary>
/// One PostGIS + pgRouting server per test process, with a migrated template database that each
/// test class copies (<c>CREATE DATABASE ... TEMPLATE</c> takes a fraction of a second).
/// Chosen in this order: <c>COHESIONGEO_TEST_DB</c> (a connection string to a server where we may
/// create databases); Testcontainers' pgRouting image when a Docker engine answers; otherwise a
/// throwaway embedded cluster under the temp folder, deleted when the process exits.
/// </summary>
public sealed class PostgisServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgisServer? _instance;

    private readonly Func<string, string> _connectionStringFor;
    private readonly string _templateName;

    private PostgisServer(Func<string, string> connectionStringFor, string templateName, string description)
    {
        _connectionStringFor = connectionStringFor;
        _templateName = templateName;
        Description = description;
    }

    /// <summary>Which kind of server the tests run on, for diagnostics.</summary>
    public string Description { get; }

    public static async Task<PostgisServer> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _instance ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates an empty, migrated database named <c>t_...</c> and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..20];
        await using var conn = new NpgsqlConnection(_connectionStringFor("postgres"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{_templateName}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return _connectionStringFor(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        DatabaseName.Validate(name);
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(_connectionStringFor("postgres"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<PostgisServer> StartAsync()
    {
        var template = "cg_template_" + Environment.ProcessId;
        var external = Environment.GetEnvironmentVariable("COHESIONGEO_TEST_DB");
        PostgisServer server;
        if (!string.IsNullOrWhiteSpace(external))
        {
            server = new PostgisServer(db => WithDatabase(external, db), template, "COHESIONGEO_TEST_DB");
        }
        else if (await TryDockerAsync() is { } container)
        {
            var cs = container.GetConnectionString();
            server = new PostgisServer(db => WithDatabase(cs, db), template, "Testcontainers");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        else
        {
            await SweepAbandonedClustersAsync();
            var root = Path.Combine(Path.GetTempPath(), $"{ClusterPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
            var cluster = await EmbeddedCluster.StartAsync(root, durable: false);
            server = new PostgisServer(cluster.ConnectionString, template, $"embedded cluster in {root}");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DestroyAsync().GetAwaiter().GetResult();
        }

        await server.CreateTemplateAsync();
        return server;
    }

    private async Task CreateTemplateAsync()
    {
        await using (var conn = new NpgsqlConnection(_connectionStringFor("postgres")))
        {
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_templateName}\"", conn);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_templateName}\"", conn);
            await create.ExecuteNonQueryAsync();
        }

        await DatabaseSetup.PrepareAsync(_connectionStringFor(_templateName));
        NpgsqlConnection.ClearAllPools();
    }

    private const string ClusterPrefix = "cohesiongeo-test-";

    /// <summary>
    /// The test host may be ended before its exit handler has deleted the cluster; the next run
    /// removes clusters whose process is gone.
    /// </summary>
    private static async Task SweepAbandonedClustersAsync()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
        {
            var pidText = Path.GetFileName(dir)[ClusterPrefix.Length..].Split('-')[0];
            if (int.TryParse(pidText, System.Globalization.CultureInfo.InvariantCulture, out var pid) && !IsAlive(pid))
            {
                try
                {
                    await EmbeddedCluster.StopAndDeleteAsync(dir);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StoreException)
                {
                    // Another run may be sweeping the same folder; leaving it is harmless.
                }
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private static async Task<PostgreSqlContainer?> TryDockerAsync()
    {
        if (!File.Exists("/var/run/docker.sock") && Environment.GetEnvironmentVariable("DOCKER_HOST") is null)
        {
            return null;
        }

        try
        {
            var container = new PostgreSqlBuilder("pgrouting/pgrouting:15-3.4-3.6.1").Build();
            await container.StartAsync();
            return container;
        }
        catch (Exception ex) when (ex is DotNet.Testcontainers.Builders.DockerUnavailableException or InvalidOperationException or TimeoutException)
        {
            return null;
        }
    }
}
