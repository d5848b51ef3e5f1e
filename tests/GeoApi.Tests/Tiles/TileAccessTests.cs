using System.Net;
using System.Text.Json;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoApi.Tiles;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Tiles;

public class TileAccessTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    // Who may see each restricted layer, written out here independently of the catalogue (DESIGN.md roles).
    // Admin always may; the anonymous viewer and the viewer role never may.
    private static readonly Dictionary<string, Role[]> Allowed = new(StringComparer.Ordinal)
    {
        ["sites"] = [Role.Planner, Role.Admin],
        ["planning_applications"] = [Role.Planner, Role.Doco, Role.Admin],
        ["incident_points"] = [Role.Doco, Role.Admin],
        ["tension"] = [Role.Planner, Role.CohesionLead, Role.Admin],
        ["doco_features"] = [Role.Planner, Role.Doco, Role.Admin],
    };

    private static readonly string[] PublicLayers = ["areas", "roads", "dwellings", "facilities", "access_lsoa", "access_hex", "incidents"];

    [Fact]
    public void The_catalogue_restricts_exactly_the_layers_listed_here()
    {
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), TileCatalogue.Layers.Where(l => l.Restricted).Select(l => l.Id).Order(StringComparer.Ordinal));
        Assert.Equal(PublicLayers.Order(StringComparer.Ordinal), TileCatalogue.Layers.Where(l => !l.Restricted).Select(l => l.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_restricted_layer_as_every_role_with_the_cache_warmed_by_an_admin_first()
    {
        await SyntheticTileData.SeedAsync(db);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        foreach (var (layer, roles) in Allowed)
        {
            // Cache-poisoning order: the admin fetches (and so caches) first, twice.
            Assert.Equal(HttpStatusCode.OK, (await client.TileAsync(layer, Role.Admin)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.TileAsync(layer, Role.Admin)).StatusCode);
            var anonymous = await client.TileAsync(layer, role: null);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
            foreach (var role in Enum.GetValues<Role>())
            {
                var response = await client.TileAsync(layer, role);
                var expected = roles.Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                Assert.True(expected == response.StatusCode, $"{layer} as {role}: {(int)response.StatusCode}, expected {(int)expected}");
                if (expected == HttpStatusCode.Forbidden)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    Assert.DoesNotContain("Synthetic", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task A_viewer_after_an_admin_gets_suppressed_counts_not_the_cached_exact_tile()
    {
        await SyntheticTileData.SeedAsync(db);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        var quiet = await db.ScalarAsync<string>("SELECT lsoa_code FROM risk.incidents WHERE row_key = 'quiet-1'");
        var admin = await client.FeaturesAsync("incidents", Role.Admin);
        Assert.Equal(SyntheticTileData.QuietCount, Convert.ToInt64(Assert.Single(admin, f => (string?)f.Get("code") == quiet).Get("incidents")));
        foreach (Role? role in new Role?[] { null, Role.Viewer })
        {
            var viewer = await client.FeaturesAsync("incidents", role);
            Assert.Null(Assert.Single(viewer, f => (string?)f.Get("code") == quiet).Get("incidents"));
        }
    }

    [Fact]
    public async Task Every_restricted_tile_read_is_audited_cached_or_not_and_public_reads_are_not()
    {
        await SyntheticTileData.SeedAsync(db);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        await using (var clear = db.DataSource.CreateCommand("DELETE FROM audit.events"))
        {
            await clear.ExecuteNonQueryAsync();
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.TileAsync("sites", Role.Planner)).StatusCode);
        }

        await client.TileAsync("roads", Role.Planner);
        await client.TileAsync("sites", Role.Viewer); // refused: nothing read
        Assert.Equal(3L, await db.ScalarAsync<long>(
            $"SELECT count(*) FROM audit.events WHERE actor = 'tiles-test-planner' AND role = 'planner' AND action = 'read' AND resource = 'tiles/sites' AND (detail->>'z')::int = {SyntheticTileData.Z} AND (detail->>'x')::int = {SyntheticTileData.X} AND (detail->>'y')::int = {SyntheticTileData.Y}"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE detail->>'cached' = 'false'"));
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE detail->>'cached' = 'true'"));
        Assert.Equal(3L, await db.ScalarAsync<long>("SELECT count(*) FROM audit.events"));
    }

    [Fact]
    public async Task The_layers_endpoint_lists_what_the_caller_may_see_with_what_a_map_needs()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        using var anonymous = JsonDocument.Parse(await (await client.GetAsync("/api/v1/layers", role: null)).Content.ReadAsStringAsync());
        Assert.Equal("viewer", anonymous.RootElement.GetProperty("role").GetString());
        var ids = anonymous.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("id").GetString()).ToList();
        Assert.Equal(PublicLayers.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        var incidents = anonymous.RootElement.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "incidents");
        Assert.Equal("suppressed", incidents.GetProperty("detail").GetString());
        Assert.Equal("/tiles/incidents/{z}/{x}/{y}.mvt", incidents.GetProperty("tiles").GetString());
        Assert.Equal("incidents", incidents.GetProperty("source_layer").GetString());
        Assert.False(string.IsNullOrWhiteSpace(incidents.GetProperty("title").GetProperty("cy").GetString()));
        Assert.Equal("graduated", incidents.GetProperty("legend").GetProperty("kind").GetString());
        Assert.All(incidents.GetProperty("legend").GetProperty("entries").EnumerateArray(), e => Assert.Matches("^#[0-9A-F]{6}$", e.GetProperty("colour").GetString()));
        Assert.Contains("viewer", incidents.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        foreach (var role in Enum.GetValues<Role>())
        {
            using var doc = JsonDocument.Parse(await (await client.GetAsync("/api/v1/layers", role)).Content.ReadAsStringAsync());
            var seen = doc.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
            var expected = PublicLayers.Concat(Allowed.Where(kv => kv.Value.Contains(role)).Select(kv => kv.Key)).ToHashSet(StringComparer.Ordinal);
            Assert.True(expected.SetEquals(seen), $"{role}: saw {string.Join(",", seen)}");
        }
    }
}
