using CohesionGeo.GeoEngine.Store;
using Npgsql;

namespace CohesionGeo.GeoApi.Tests.Store;

/// <summary>The embedded cluster on the real system binaries, each test in its own temp folder.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EmbeddedClusterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cg-cluster-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task A_stopped_cluster_starts_again_with_its_data_and_port_and_leaves_no_server_behind()
    {
        var first = await EmbeddedCluster.StartAsync(_root, durable: false);
        Assert.False(first.AdoptedRunningServer);
        await first.EnsureDatabaseAsync("kept");
        await ExecAsync(first.ConnectionString("kept"), "CREATE TABLE t (v int); INSERT INTO t VALUES (42)");
        await first.StopAsync();
        Assert.False(File.Exists(Path.Combine(_root, "cluster", "pgdata", "postmaster.pid")));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ExecAsync(first.ConnectionString("kept"), "SELECT 1"));

        var second = await EmbeddedCluster.StartAsync(_root, durable: false);
        try
        {
            Assert.Equal(first.Port, second.Port);
            await using var conn = new NpgsqlConnection(second.ConnectionString("kept"));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT v FROM t", conn);
            Assert.Equal(42, await cmd.ExecuteScalarAsync());
        }
        finally
        {
            await second.DestroyAsync();
        }

        Assert.False(Directory.Exists(_root));
    }

    [Fact]
    public async Task A_running_cluster_is_adopted_not_started_twice()
    {
        var owner = await EmbeddedCluster.StartAsync(_root, durable: false);
        try
        {
            var adopter = await EmbeddedCluster.StartAsync(_root, durable: false);
            Assert.True(adopter.AdoptedRunningServer);
            Assert.Equal(owner.Port, adopter.Port);
            await ExecAsync(adopter.ConnectionString("postgres"), "SELECT 1");
        }
        finally
        {
            await owner.DestroyAsync();
        }
    }

    [Fact]
    public async Task Tcp_connections_need_the_generated_password()
    {
        var cluster = await EmbeddedCluster.StartAsync(_root, durable: false);
        try
        {
            var wrong = new NpgsqlConnectionStringBuilder(cluster.ConnectionString("postgres")) { Password = "not-the-password" }.ConnectionString;
            var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecAsync(wrong, "SELECT 1"));
            Assert.Equal("28P01", ex.SqlState);
            var secret = await File.ReadAllTextAsync(Path.Combine(_root, "secret"));
            Assert.Equal(36, secret.Trim().Length);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_root, "secret")));
        }
        finally
        {
            await cluster.DestroyAsync();
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static async Task ExecAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
