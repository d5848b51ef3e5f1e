using CohesionGeo.GeoApi.Tiles;
using CohesionGeo.GeoEngine.Store.Tiles;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Tiles;

/// <summary>The accessibility layers: <c>access.area_stats</c> pivoted to <c>&lt;kind&gt;_&lt;mode&gt;</c> median minutes.</summary>
public class AccessTileTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Lsoa_layer_carries_median_minutes_per_kind_and_mode_and_follows_a_recompute()
    {
        await SyntheticTileData.SeedAsync(db);
        await ExecAsync("""
            DELETE FROM access.area_stats WHERE area_code = 'W01SYN001';
            INSERT INTO access.area_stats (kind, mode, area_code, dwellings, reachable, mean_s, median_s, p90_s, share_over_15, share_over_30) VALUES
              ('gp', 'walk', 'W01SYN001', 2, 2, 610, 600, 700, 0, 0),
              ('gp', 'drive', 'W01SYN001', 2, 2, 150, 150, 160, 0, 0),
              ('youth_club', 'walk', 'W01SYN001', 2, 0, NULL, NULL, NULL, 1, 1);
            """);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);

        var area = Assert.Single(await client.FeaturesAsync("access_lsoa", role: null), f => (string?)f.Get("code") == "W01SYN001");
        Assert.Equal(10.0, Convert.ToDouble(area.Get("gp_walk"), System.Globalization.CultureInfo.InvariantCulture), 3);
        Assert.Equal(2.5, Convert.ToDouble(area.Get("gp_drive"), System.Globalization.CultureInfo.InvariantCulture), 3);
        Assert.Equal(2L, Convert.ToInt64(area.Get("dwellings"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(area.Get("youth_club_walk"));
        Assert.Null(area.Get("gp_cycle"));

        // A recompute rewrites the rows; the cached tile is evicted through the table's trigger.
        await ExecAsync("UPDATE access.area_stats SET median_s = 900 WHERE area_code = 'W01SYN001' AND kind = 'gp' AND mode = 'walk'");
        for (var i = 0; i < 150; i++)
        {
            var now = Assert.Single(await client.FeaturesAsync("access_lsoa", role: null), f => (string?)f.Get("code") == "W01SYN001");
            if (Math.Abs(Convert.ToDouble(now.Get("gp_walk"), System.Globalization.CultureInfo.InvariantCulture) - 15.0) < 1e-6)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The recomputed figure did not reach the tile within 15 s.");
    }

    [Fact]
    public void Every_kind_and_mode_has_an_attribute_and_the_layers_are_public_aggregates()
    {
        Assert.Equal(40, TileSources.AccessProperties.Count);
        Assert.Contains("day_centre_transit", TileSources.AccessProperties);
        foreach (var id in new[] { "access_lsoa", "access_hex" })
        {
            Assert.True(TileCatalogue.TryGet(id, out var layer));
            Assert.Contains(CohesionGeo.GeoApi.Security.Role.Viewer, layer.Variants.Single().Roles);
            Assert.Contains(TileDataKeys.Access, layer.DependsOn);
        }
    }

    private async Task ExecAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
