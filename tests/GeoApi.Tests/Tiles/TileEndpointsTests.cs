using System.Net;
using System.Text.Json;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoApi.Tiles;
using CohesionGeo.TestSupport;
using NetTopologySuite.Geometries;

namespace CohesionGeo.GeoApi.Tests.Tiles;

public class TileEndpointsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Every_layer_decodes_as_MVT_with_only_its_declared_properties()
    {
        await SyntheticTileData.SeedAsync(db);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        foreach (var layer in TileCatalogue.Layers)
        {
            var response = await client.TileAsync(layer.Id, Role.Admin);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.mapbox-vector-tile", response.Content.Headers.ContentType?.MediaType);
            var decoded = Mvt.Decode(await response.Content.ReadAsByteArrayAsync(), SyntheticTileData.Z, SyntheticTileData.X, SyntheticTileData.Y);
            var features = Assert.Single(decoded, kv => kv.Key == layer.Id).Value;
            Assert.NotEmpty(features);
            foreach (var f in features)
            {
                Assert.All(f.Attributes.GetNames(), name => Assert.True(layer.Properties.Contains(name) || name == "id", $"{layer.Id} sent undeclared '{name}'"));
            }
        }
    }

    [Fact]
    public async Task Known_rows_come_back_with_their_properties_and_positions()
    {
        await SyntheticTileData.SeedAsync(db);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);

        var roads = await client.FeaturesAsync("roads", role: null);
        var high = Assert.Single(roads, f => (string?)f.Get("name") == "Synthetic High Street");
        Assert.Equal("major", high.Get("class"));
        Assert.Equal("primary", high.Get("highway"));
        Assert.IsType<LineString>(high.Geometry);
        var path = Assert.Single(roads, f => (string?)f.Get("name") == "Synthetic Alley Path");
        Assert.Equal("path", path.Get("class"));
        Assert.Equal("no", path.Get("lit"));

        // The GP decodes within a metre or two of where PostGIS puts it in WGS84 (an independent transform).
        var gp = Assert.Single(await client.FeaturesAsync("facilities", role: null));
        Assert.Equal("gp", gp.Get("kind"));
        Assert.Equal("Meddygfa Synthetig", gp.Get("name_cy"));
        var lon = await db.ScalarAsync<double>("SELECT ST_X(ST_Transform(geom, 4326)) FROM places.facilities WHERE source_ref = 'gp-1'");
        var lat = await db.ScalarAsync<double>("SELECT ST_Y(ST_Transform(geom, 4326)) FROM places.facilities WHERE source_ref = 'gp-1'");
        var p = Assert.IsType<Point>(gp.Geometry);
        Assert.InRange(Math.Abs(p.X - lon) * 69_000, 0, 2.0); // metres per degree of longitude at 51.6°N ≈ 69 km
        Assert.InRange(Math.Abs(p.Y - lat) * 111_000, 0, 2.0);

        Assert.Equal(2, (await client.FeaturesAsync("dwellings", role: null)).Count);
        var lsoa = Assert.Single(await client.FeaturesAsync("areas", role: null));
        Assert.Equal("W01SYN001", lsoa.Get("code"));
    }

    [Fact]
    public async Task Restricted_layers_never_send_free_text_or_partners()
    {
        await SyntheticTileData.SeedAsync(db);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);

        var tension = Assert.Single(await client.FeaturesAsync("tension", Role.CohesionLead));
        Assert.Equal("W01SYN001", tension.Get("code"));
        Assert.Equal(1L, Convert.ToInt64(tension.Get("reports")));
        Assert.Equal(4L, Convert.ToInt64(tension.Get("max_level")));
        Assert.Equal(true, tension.Get("synthetic"));

        var doco = Assert.Single(await client.FeaturesAsync("doco_features", Role.Doco));
        Assert.Equal("officer", doco.Get("source"));
        foreach (var layer in new[] { "tension", "doco_features", "sites", "planning_applications", "incident_points" })
        {
            var bytes = await (await client.TileAsync(layer, Role.Admin)).Content.ReadAsByteArrayAsync();
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain("SYNTHETIC RAW SUMMARY", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Synthetic Partner", text, StringComparison.Ordinal);
            Assert.DoesNotContain("SYNTHETIC OFFICER NOTE", text, StringComparison.Ordinal);
        }

        var site = Assert.Single(await client.FeaturesAsync("sites", Role.Planner));
        Assert.Equal("Synthetic Dispersal House", site.Get("name"));
        var application = Assert.Single(await client.FeaturesAsync("planning_applications", Role.Doco));
        Assert.Equal("23/0001/SYN", application.Get("ref"));
        Assert.IsType<Polygon>(application.Geometry);
    }

    [Fact]
    public async Task Incident_counts_under_five_are_suppressed_for_viewers_and_exact_for_planners()
    {
        await SyntheticTileData.SeedAsync(db);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        var busy = await db.ScalarAsync<string>("SELECT lsoa_code FROM risk.incidents WHERE row_key = 'busy-1'");
        var quiet = await db.ScalarAsync<string>("SELECT lsoa_code FROM risk.incidents WHERE row_key = 'quiet-1'");

        foreach (Role? viewer in new Role?[] { null, Role.Viewer })
        {
            var cells = await client.FeaturesAsync("incidents", viewer);
            Assert.Equal(2, cells.Count);
            var b = Assert.Single(cells, f => (string?)f.Get("code") == busy);
            Assert.Equal(SyntheticTileData.BusyCount, Convert.ToInt64(b.Get("incidents")));
            var q = Assert.Single(cells, f => (string?)f.Get("code") == quiet);
            Assert.Null(q.Get("incidents"));
            Assert.Equal(true, q.Get("suppressed"));
            var pointsStatus = (await client.TileAsync("incident_points", viewer)).StatusCode;
            Assert.Equal(viewer is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, pointsStatus);
        }

        var exact = await client.FeaturesAsync("incidents", Role.Planner);
        Assert.Equal(SyntheticTileData.QuietCount, Convert.ToInt64(Assert.Single(exact, f => (string?)f.Get("code") == quiet).Get("incidents")));

        var points = await client.FeaturesAsync("incident_points", Role.Doco);
        Assert.Equal(SyntheticTileData.BusyCount + SyntheticTileData.QuietCount, points.Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.TileAsync("incident_points", Role.Doco, z: 13, x: SyntheticTileData.X / 4, y: SyntheticTileData.Y / 4)).StatusCode);
    }

    [Fact]
    public async Task An_empty_tile_is_204_and_a_tile_has_an_etag_answered_with_304()
    {
        await SyntheticTileData.SeedAsync(db);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        var empty = await client.GetAsync("/tiles/roads/15/0/0.mvt", role: null);
        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
        Assert.Empty(await empty.Content.ReadAsByteArrayAsync());

        var first = await client.TileAsync("roads", role: null);
        var etag = first.Headers.ETag?.Tag;
        Assert.NotNull(etag);
        Assert.Contains("public", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var again = await client.GetAsync($"/tiles/roads/{SyntheticTileData.Z}/{SyntheticTileData.X}/{SyntheticTileData.Y}.mvt", role: null, ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);

        // Uncached path: a fresh server (empty cache) answers If-None-Match from the endpoint itself.
        await using var fresh = await RunningApi.StartAsync(db.ConnectionString);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tiles/roads/{SyntheticTileData.Z}/{SyntheticTileData.X}/{SyntheticTileData.Y}.mvt");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await fresh.Client.SendAsync(request)).StatusCode);

        var restricted = await client.TileAsync("sites", Role.Planner);
        Assert.True(restricted.Headers.CacheControl is { Private: true, NoStore: true }, restricted.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("ROADS")]
    [InlineData("roads;DROP TABLE network.edges")]
    [InlineData("roads' OR '1'='1")]
    [InlineData("roads\" --")]
    [InlineData("network.edges")]
    [InlineData("roads%00")]
    public async Task An_unknown_or_hostile_layer_name_is_a_404_problem_and_harmless(string layer)
    {
        await SyntheticTileData.SeedAsync(db);
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var client = await TileClient.CreateAsync(api, db);
        var response = await client.GetAsync($"/tiles/{Uri.EscapeDataString(layer)}/15/{SyntheticTileData.X}/{SyntheticTileData.Y}.mvt", Role.Admin);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3L, await db.ScalarAsync<long>("SELECT count(*) FROM network.edges WHERE name LIKE 'Synthetic%'"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/tiles/{Uri.EscapeDataString(layer)}.json", Role.Admin)).StatusCode);
    }

    [Theory]
    [InlineData("roads", "23", "0", "0", "z")]
    [InlineData("roads", "15", "32768", "0", "x")]
    [InlineData("roads", "15", "0", "32768", "y")]
    [InlineData("roads", "-1", "0", "0", "z")]
    [InlineData("roads", "15", "-3", "0", "x")]
    [InlineData("roads", "abc", "0", "0", "z")]
    [InlineData("roads", "15", "1e3", "0", "x")]
    [InlineData("roads", "15", "0", " 7", "y")]
    [InlineData("roads", "99999999999", "0", "0", "z")]
    [InlineData("dwellings", "12", "0", "0", "z")]
    [InlineData("incidents", "19", "0", "0", "z")]
    public async Task Bad_tile_addresses_are_400_with_the_field_named(string layer, string z, string x, string y, string field)
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var response = await api.Client.GetAsync($"/tiles/{layer}/{Uri.EscapeDataString(z)}/{Uri.EscapeDataString(x)}/{Uri.EscapeDataString(y)}.mvt");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out var messages), $"no message for {field}");
        Assert.NotEmpty(messages[0].GetString()!);
    }

    [Fact]
    public async Task TileJson_names_the_tile_url_and_vector_layer()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        using var doc = JsonDocument.Parse(await api.Client.GetStringAsync("/tiles/facilities.json"));
        var root = doc.RootElement;
        Assert.Equal("3.0.0", root.GetProperty("tilejson").GetString());
        Assert.EndsWith("/tiles/facilities/{z}/{x}/{y}.mvt", root.GetProperty("tiles")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(10, root.GetProperty("minzoom").GetInt32());
        Assert.Equal("facilities", root.GetProperty("vector_layers")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.GetAsync("/tiles/sites.json")).StatusCode);
    }
}
