using System.Net;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoApi.Tiles;
using CohesionGeo.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CohesionGeo.GeoApi.Tests.Tiles;

public class TileCacheTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Tiles_are_served_from_cache_until_their_data_are_invalidated_and_only_dependents_are_evicted()
    {
        await SyntheticTileData.SeedAsync(db);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        Assert.Single(await client.FeaturesAsync("facilities", role: null));
        Assert.Equal(3, (await client.FeaturesAsync("roads", role: null)).Count);
        Assert.Single(await client.FeaturesAsync("sites", Role.Planner));

        // Change the data behind three layers without telling the cache: the cached tiles still answer.
        await using (var change = db.DataSource.CreateCommand("""
            INSERT INTO places.facilities (kind, name, source, source_ref, geom)
                SELECT 'pharmacy', 'Synthetic Pharmacy', 'synthetic', 'ph-1', ST_Translate(geom, 10, 0) FROM places.facilities WHERE source_ref = 'gp-1';
            INSERT INTO network.edges (id, source, target, highway, name, length_m, cost_walk, reverse_cost_walk, cost_cycle, reverse_cost_cycle, cost_drive, reverse_cost_drive, geom)
                SELECT 99, 1, 2, 'primary', 'Synthetic New Road', 100, 1, 1, 1, 1, 1, 1, ST_Translate(geom, 0, 80) FROM network.edges WHERE id = 1;
            INSERT INTO places.sites (kind, ref, name, geom, created_by)
                SELECT 'dispersal', 'SYN-D2', 'Synthetic Second House', ST_Translate(geom, 5, 5), 'test' FROM places.sites WHERE ref = 'SYN-D1';
            """))
        {
            await change.ExecuteNonQueryAsync();
        }

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
    public async Task An_empty_tile_is_cached_and_an_invalidation_lets_new_data_appear()
    {
        await SyntheticTileData.SeedAsync(db);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var (x, y) = (SyntheticTileData.X + 5, SyntheticTileData.Y);
        var (lon, lat) = Mvt.CentreOf(SyntheticTileData.Z, x, y);
        var empty = $"/tiles/dwellings/{SyntheticTileData.Z}/{x}/{y}.mvt";
        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.GetAsync(empty)).StatusCode);
        await using (var add = db.DataSource.CreateCommand(
            "INSERT INTO places.dwellings (source, source_ref, geom) VALUES ('synthetic', 'far-1', ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 27700))"))
        {
            add.Parameters.AddWithValue(lon);
            add.Parameters.AddWithValue(lat);
            await add.ExecuteNonQueryAsync();
        }

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
}
