using System.Net;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoApi.Tiles;
using CohesionGeo.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CohesionGeo.GeoApi.Tests.Tiles;

public class TileCacheTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Tiles_are_served_from_cache_until_invalidated_and_only_dependents_are_evicted()
    {
        await SyntheticTileData.SeedAsync(db);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        Assert.Single(await client.FeaturesAsync("facilities", role: null));
        Assert.Equal(3, (await client.FeaturesAsync("roads", role: null)).Count);
        Assert.Single(await client.FeaturesAsync("sites", Role.Planner));

        // Change the data behind three layers with the notification triggers off: the cached tiles still answer.
        await ChangeSilentlyAsync(
            ["places.facilities", "network.edges", "places.sites"],
            """
            INSERT INTO places.facilities (kind, name, source, source_ref, geom)
                SELECT 'pharmacy', 'Synthetic Pharmacy', 'synthetic', 'ph-1', ST_Translate(geom, 10, 0) FROM places.facilities WHERE source_ref = 'gp-1';
            INSERT INTO network.edges (id, source, target, highway, name, length_m, cost_walk, reverse_cost_walk, cost_cycle, reverse_cost_cycle, cost_drive, reverse_cost_drive, geom)
                SELECT 99, 1, 2, 'primary', 'Synthetic New Road', 100, 1, 1, 1, 1, 1, 1, ST_Translate(geom, 0, 80) FROM network.edges WHERE id = 1;
            INSERT INTO places.sites (kind, ref, name, geom, created_by)
                SELECT 'dispersal', 'SYN-D2', 'Synthetic Second House', ST_Translate(geom, 5, 5), 'test' FROM places.sites WHERE ref = 'SYN-D1';
            """);

        Assert.Single(await client.FeaturesAsync("facilities", role: null));
        Assert.Equal(3, (await client.FeaturesAsync("roads", role: null)).Count);
        Assert.Single(await client.FeaturesAsync("sites", Role.Planner));

        var cache = api.Services.GetRequiredService<TileCache>();
        await cache.InvalidateAsync(TileDataKeys.Facilities);
        Assert.Equal(2, (await client.FeaturesAsync("facilities", role: null)).Count);
        Assert.Equal(3, (await client.FeaturesAsync("roads", role: null)).Count); // not a dependent: still cached
        Assert.Single(await client.FeaturesAsync("sites", Role.Planner));

        await cache.InvalidateAsync(TileDataKeys.Network);
        Assert.Contains(await client.FeaturesAsync("roads", role: null), f => (string?)f.Get("name") == "Synthetic New Road");

        await cache.InvalidateAsync(TileDataKeys.Sites);
        Assert.Equal(2, (await client.FeaturesAsync("sites", Role.Planner)).Count);
        Assert.Equal(2, (await client.FeaturesAsync("sites", Role.Admin)).Count);
    }

    [Fact]
    public async Task A_committed_change_evicts_its_layers_by_itself_and_leaves_the_others_cached()
    {
        await SyntheticTileData.SeedAsync(db);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        var before = (await client.FeaturesAsync("incidents", Role.Planner)).Sum(f => Convert.ToInt64(f.Get("incidents")));
        var roads = (await client.FeaturesAsync("roads", role: null)).Count;

        // A road changes silently; then incidents change the ordinary way (as an import in another process would).
        await ChangeSilentlyAsync(["network.edges"], "UPDATE network.edges SET name = 'Synthetic Renamed' WHERE name = 'Synthetic Close'");
        await using (var insert = db.DataSource.CreateCommand(
            "INSERT INTO risk.incidents (month, category, row_key, geom) SELECT month, category, 'extra-' || row_key, geom FROM risk.incidents WHERE row_key = 'busy-1'"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await EventuallyAsync(async () => (await client.FeaturesAsync("incidents", Role.Planner)).Sum(f => Convert.ToInt64(f.Get("incidents"))) == before + 1);
        var cachedRoads = await client.FeaturesAsync("roads", role: null);
        Assert.Equal(roads, cachedRoads.Count);
        Assert.DoesNotContain(cachedRoads, f => (string?)f.Get("name") == "Synthetic Renamed");
    }

    [Fact]
    public async Task An_empty_tile_is_cached_and_an_invalidation_lets_new_data_appear()
    {
        await SyntheticTileData.SeedAsync(db);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var (x, y) = (SyntheticTileData.X + 5, SyntheticTileData.Y);
        var (lon, lat) = Mvt.CentreOf(SyntheticTileData.Z, x, y);
        var empty = $"/tiles/dwellings/{SyntheticTileData.Z}/{x}/{y}.mvt";
        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.GetAsync(empty)).StatusCode);
        await ChangeSilentlyAsync(["places.dwellings"], string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"INSERT INTO places.dwellings (source, source_ref, geom) VALUES ('synthetic', 'far-1', ST_Transform(ST_SetSRID(ST_MakePoint({lon:R}, {lat:R}), 4326), 27700))"));

        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.GetAsync(empty)).StatusCode);
        await api.Services.GetRequiredService<TileCache>().InvalidateAsync(TileDataKeys.Dwellings);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync(empty)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_data_key_is_refused()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => api.Services.GetRequiredService<TileCache>().InvalidateAsync("incident"));
    }

    /// <summary>Runs SQL with the tile notification triggers of <paramref name="tables"/> off: a change the cache is not told about.</summary>
    private async Task ChangeSilentlyAsync(string[] tables, string sql)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        foreach (var t in tables)
        {
            await using var off = new NpgsqlCommand($"ALTER TABLE {t} DISABLE TRIGGER tiles_notify", conn, tx);
            await off.ExecuteNonQueryAsync();
        }

        await using (var change = new NpgsqlCommand(sql, conn, tx))
        {
            await change.ExecuteNonQueryAsync();
        }

        foreach (var t in tables)
        {
            await using var on = new NpgsqlCommand($"ALTER TABLE {t} ENABLE TRIGGER tiles_notify", conn, tx);
            await on.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }

    /// <summary>Notifications arrive after commit, asynchronously: poll (bounded) until the condition holds.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The change did not reach the tile within 15 s.");
    }
}
