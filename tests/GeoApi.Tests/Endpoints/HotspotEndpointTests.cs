using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Risk;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Endpoints;

public class HotspotEndpointTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Box = "-3.03,51.57,-2.97,51.60";

    [Fact]
    public async Task Hotspots_count_every_point_once_flag_the_cluster_and_withhold_small_counts_from_viewers()
    {
        await SeedAsync();
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var token = await new ApiUserStore(db.DataSource).CreateAsync("planner-h", Role.Planner, CancellationToken.None);

        var planner = await GetAsync(api, $"/api/v1/risk/hotspots?source=asb&from=2023-01&to=2023-06&bbox={Box}", token);
        Assert.Equal(HttpStatusCode.OK, planner.Status);
        Assert.Equal("FeatureCollection", planner.Json.GetProperty("type").GetString());
        Assert.Contains("snapped", planner.Json.GetProperty("caveat").GetString(), StringComparison.Ordinal);
        var features = planner.Json.GetProperty("features").EnumerateArray().ToList();
        Assert.All(features, f => Assert.StartsWith("H250_", f.GetProperty("properties").GetProperty("code").GetString(), StringComparison.Ordinal));

        // Oracle: every seeded ASB point of the period lies in the box; the cells' counts add up to them.
        var total = features.Sum(f => f.GetProperty("properties").GetProperty("count").GetInt64());
        Assert.Equal(await db.ScalarAsync<long>("SELECT count(*) FROM risk.incidents WHERE category = 'Anti-social behaviour' AND month BETWEEN '2023-01-01' AND '2023-06-01'"), total);

        // The densest cell is hot at 99 %, and its statistics equal the engine run on the same cells.
        var densest = features.MaxBy(f => f.GetProperty("properties").GetProperty("count").GetInt64());
        Assert.Equal("hot_99", densest.GetProperty("properties").GetProperty("class_name").GetString());
        Assert.Equal("Polygon", densest.GetProperty("geometry").GetProperty("type").GetString());
        var code = densest.GetProperty("properties").GetProperty("code").GetString()!;
        var inCell = await db.ScalarAsync<long>($"SELECT count(*) FROM risk.incidents i JOIN places.areas a ON ST_Contains(a.geom, i.geom) WHERE a.code = '{code}' AND i.category = 'Anti-social behaviour' AND i.month BETWEEN '2023-01-01' AND '2023-06-01'");
        Assert.Equal(inCell, densest.GetProperty("properties").GetProperty("count").GetInt64());

        var viewer = await GetAsync(api, $"/api/v1/risk/hotspots?source=asb&from=2023-01&to=2023-06&bbox={Box}", null);
        var small = viewer.Json.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties"))
            .Where(p => p.GetProperty("count").ValueKind == JsonValueKind.Null).ToList();
        Assert.NotEmpty(small);
        Assert.All(small, p => Assert.Equal(SmallNumbers.WithheldText, p.GetProperty("count_text").GetString()));
        Assert.DoesNotContain(viewer.Json.GetProperty("features").EnumerateArray(), f => f.GetProperty("properties").GetProperty("count") is { ValueKind: JsonValueKind.Number } c && c.GetInt64() is > 0 and < 5);
    }

    [Fact]
    public async Task Bad_parameters_are_field_level_problems()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var answer = await GetAsync(api, "/api/v1/risk/hotspots?source=fires&from=2023-13&bbox=1,2,3", null);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var errors = answer.Json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("source", out _));
        Assert.True(errors.TryGetProperty("from", out _));
        Assert.True(errors.TryGetProperty("bbox", out _));
    }

    [Fact]
    public async Task Density_integrates_to_the_number_of_points_and_tension_maps_are_not_for_viewers()
    {
        // Test fixture: one tight group of 12 ASB points far from the grid's edges (quartic kernel mass is 1 per point).
        await using (var cmd = db.DataSource.CreateCommand("""
            INSERT INTO risk.incidents (row_key, month, category, geom)
            SELECT 'density-' || g, DATE '2019-05-01', 'Anti-social behaviour', ST_SetSRID(ST_MakePoint(331000 + g * 10, 188000), 27700)
            FROM generate_series(1, 12) g;
            INSERT INTO risk.tension_reports (reported_on, tier, level, theme, geom, summary, synthetic, created_by)
            VALUES (DATE '2019-05-03', 'potential', 2, 'other', ST_SetSRID(ST_MakePoint(331000, 188000), 27700), 'SYNTHETIC test fixture', true, 'test');
            """))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var box = await db.ScalarAsync<string>("SELECT concat_ws(',', ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)) FROM (SELECT ST_Transform(ST_MakeEnvelope(329000, 186000, 333000, 190000, 27700), 4326) b) s");
        var density = await GetAsync(api, $"/api/v1/risk/density?source=asb&from=2019-05&to=2019-05&bbox={box}&bandwidth_m=400&cell_m=25", null);
        Assert.Equal(HttpStatusCode.OK, density.Status);
        var cell = density.Json.GetProperty("cell_m").GetDouble();
        var mass = density.Json.GetProperty("values").EnumerateArray().Sum(v => v.GetDouble()) * cell * cell / 1e6;
        Assert.Equal(12, density.Json.GetProperty("points").GetInt32());
        Assert.Equal(12.0, mass, 0.05);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(api, $"/api/v1/risk/density?source=tension&from=2019-05&to=2019-05&bbox={box}", null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(api, $"/api/v1/risk/hotspots?source=tension&from=2019-05&to=2019-05&bbox={box}", null)).Status);
        var lead = await new ApiUserStore(db.DataSource).CreateAsync("lead-h", Role.CohesionLead, CancellationToken.None);
        var tension = await GetAsync(api, $"/api/v1/risk/hotspots?source=tension&from=2019-05&to=2019-05&bbox={box}", lead);
        Assert.Equal(HttpStatusCode.OK, tension.Status);
        Assert.Equal(1, tension.Json.GetProperty("features").EnumerateArray().Sum(f => f.GetProperty("properties").GetProperty("count").GetInt64()));
    }

    private async Task SeedAsync()
    {
        // Test fixture points (not real data): 40 ASB reports around one spot, a few scattered, one crime.
        await using var cmd = db.DataSource.CreateCommand("""
            INSERT INTO risk.incidents (row_key, month, category, geom)
            SELECT 'test-cluster-' || g, DATE '2023-03-01', 'Anti-social behaviour',
                   ST_Transform(ST_SetSRID(ST_MakePoint(-3.0 + (g % 5) * 0.0002, 51.585 + (g / 5) * 0.0001), 4326), 27700)
            FROM generate_series(0, 39) g;
            INSERT INTO risk.incidents (row_key, month, category, geom)
            SELECT 'test-scatter-' || g, DATE '2023-02-01', 'Anti-social behaviour',
                   ST_Transform(ST_SetSRID(ST_MakePoint(-3.025 + g * 0.006, 51.575 + (g % 3) * 0.008), 4326), 27700)
            FROM generate_series(0, 8) g;
            INSERT INTO risk.incidents (row_key, month, category, geom)
            VALUES ('test-crime', DATE '2023-03-01', 'Burglary', ST_Transform(ST_SetSRID(ST_MakePoint(-2.99, 51.58), 4326), 27700)),
                   ('test-old', DATE '2021-03-01', 'Anti-social behaviour', ST_Transform(ST_SetSRID(ST_MakePoint(-2.99, 51.58), 4326), 27700));
            """);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json)> GetAsync(RunningApi api, string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await api.Client.SendAsync(request);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, doc.RootElement.Clone());
    }
}
