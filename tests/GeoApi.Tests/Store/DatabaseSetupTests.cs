using CohesionGeo.GeoEngine.Store;
using CohesionGeo.TestSupport;
using Npgsql;

namespace CohesionGeo.GeoApi.Tests.Store;

public class DatabaseSetupTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Migrated_database_has_the_design_schemas_and_extensions()
    {
        var schemas = await db.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.schemata WHERE schema_name IN ('meta','network','places','transit','risk','access','audit')");
        Assert.Equal(7, schemas);
        Assert.StartsWith("3.", await db.ScalarAsync<string>("SELECT postgis_lib_version()"), StringComparison.Ordinal);
        Assert.StartsWith("3.", await db.ScalarAsync<string>("SELECT pgr_version()"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edges_table_is_ready_for_pgrouting_with_costs_in_seconds()
    {
        var columns = new List<string>();
        await using (var cmd = db.DataSource.CreateCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'network' AND table_name = 'edges' ORDER BY ordinal_position"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        string[] design = ["id", "source", "target", "osm_way_id", "highway", "name", "length_m", "lit", "cost_walk", "reverse_cost_walk",
            "cost_cycle", "reverse_cost_cycle", "cost_drive", "reverse_cost_drive", "geom"];
        Assert.Superset(design.ToHashSet(), columns.ToHashSet());

        // A two-edge line, one edge closed to drivers one way: pgRouting reads the table as it is.
        await using (var insert = db.DataSource.CreateCommand("""
            INSERT INTO network.nodes (id, geom) VALUES (1, ST_SetSRID(ST_MakePoint(0,0),27700)), (2, ST_SetSRID(ST_MakePoint(100,0),27700)), (3, ST_SetSRID(ST_MakePoint(200,0),27700));
            INSERT INTO network.edges (id, source, target, length_m, cost_walk, reverse_cost_walk, cost_cycle, reverse_cost_cycle, cost_drive, reverse_cost_drive, geom) VALUES
              (10, 1, 2, 100, 75, 75, 25, 25, 10, -1, ST_SetSRID(ST_MakeLine(ST_MakePoint(0,0), ST_MakePoint(100,0)),27700)),
              (11, 2, 3, 100, 75, 75, 25, 25, 10, 10, ST_SetSRID(ST_MakeLine(ST_MakePoint(100,0), ST_MakePoint(200,0)),27700));
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var walk = await db.ScalarAsync<double>(
            "SELECT agg_cost FROM pgr_dijkstraCost('SELECT id, source, target, cost_walk AS cost, reverse_cost_walk AS reverse_cost FROM network.edges', 3, 1)");
        Assert.Equal(150, walk);
        var driveBack = await db.ScalarAsync<long>(
            "SELECT count(*) FROM pgr_dijkstraCost('SELECT id, source, target, cost_drive AS cost, reverse_cost_drive AS reverse_cost FROM network.edges', 3, 1)");
        Assert.Equal(0, driveBack);
    }

    [Fact]
    public async Task Hex_grid_is_one_shared_set_of_cells_and_is_made_once()
    {
        // A 1 km square: 250 m hexagons (side 250 m) covering it.
        const string extent = "ST_MakeEnvelope(330000, 187000, 331000, 188000, 27700)";
        var added = await db.ScalarAsync<int>($"SELECT places.ensure_hex_grid(250, {extent})");
        Assert.InRange(added, 6, 20);
        Assert.Equal(0, await db.ScalarAsync<int>($"SELECT places.ensure_hex_grid(250, {extent})"));
        var area = await db.ScalarAsync<double>("SELECT avg(ST_Area(geom)) FROM places.areas WHERE kind = 'hex' AND left(code, 5) = 'H250_'");
        Assert.Equal(1.5 * Math.Sqrt(3) * 250 * 250, area, 1e-6 * area);
    }

    [Fact]
    public async Task Running_the_migrations_again_changes_nothing()
    {
        var before = await db.ScalarAsync<long>("SELECT count(*) FROM schemaversions");
        await DatabaseSetup.PrepareAsync(db.ConnectionString);
        Assert.Equal(before, await db.ScalarAsync<long>("SELECT count(*) FROM schemaversions"));
        Assert.True(before >= 1);
    }

    [Fact]
    public async Task An_unreachable_server_is_named_in_one_sentence()
    {
        var port = FreePort();
        var cs = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Database = "nowhere", Username = "x", Password = "y", Timeout = 3 }.ConnectionString;
        var ex = await Assert.ThrowsAsync<StoreException>(() => DatabaseSetup.PrepareAsync(cs));
        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("COHESIONGEO_DB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_who_may_not_create_extensions_gets_a_clear_message_and_no_half_made_schema()
    {
        var role = "r_" + Guid.NewGuid().ToString("N")[..12];
        var database = "d_" + Guid.NewGuid().ToString("N")[..12];
        var admin = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Database = "postgres" }.ConnectionString;
        await ExecAsync(admin, $"CREATE ROLE {role} LOGIN PASSWORD 'pw'");
        await ExecAsync(admin, $"CREATE DATABASE {database} OWNER {role}");
        try
        {
            var asRole = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Database = database, Username = role, Password = "pw" }.ConnectionString;
            var ex = await Assert.ThrowsAsync<StoreException>(() => DatabaseSetup.PrepareAsync(asRole));
            Assert.Contains("CREATE EXTENSION", ex.Message, StringComparison.Ordinal);
            var ownerDb = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Database = database }.ConnectionString;
            await using var conn = new NpgsqlConnection(ownerDb);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'network'", conn);
            Assert.Equal(0L, await cmd.ExecuteScalarAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            await ExecAsync(admin, $"DROP ROLE IF EXISTS {role}");
        }
    }

    private static async Task ExecAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}
