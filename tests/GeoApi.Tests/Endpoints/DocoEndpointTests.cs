using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Endpoints;

public class DocoEndpointTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    // A hand-built network (test fixture) near Newport centre, EPSG:27700.
    private const double X0 = 331000, Y0 = 188000;

    [Fact]
    public async Task Derivation_finds_unlit_unknown_and_alleys_once_and_entry_points_where_paths_cross_the_boundary()
    {
        await SeedNetworkAsync();
        var first = await DocoStore.DeriveFromNetworkAsync(db.DataSource, CancellationToken.None);
        Assert.Equal(2, first["unlit_path"]);              // edges 1 (footway, lit=no) and 5 (sidewalk footway=sidewalk, lit=no)
        Assert.Equal(2, first["unknown_lighting_path"]);   // edges 2 (path, no lit) and 3 (steps, lit '')
        Assert.Equal(1, first["alley"]);                   // edge 6 (service=alley)
        var again = await DocoStore.DeriveFromNetworkAsync(db.DataSource, CancellationToken.None);
        Assert.All(again.Values, v => Assert.Equal(0, v));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM risk.doco_features WHERE edge_id IN (4, 7)"));

        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var planner = await new ApiUserStore(db.DataSource).CreateAsync("planner-d", Role.Planner, CancellationToken.None);
        // Boundary: the square X0..X0+200, Y0..Y0+200 (as WGS84 through PostGIS).
        var square = await db.ScalarAsync<string>($"SELECT ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope({X0}, {Y0}, {X0 + 200}, {Y0 + 200}, 27700), 4326), 9)");
        var answer = await SendAsync(api, HttpMethod.Post, "/api/v1/doco/entry-points", planner, new { boundary = JsonDocument.Parse(square).RootElement });
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var points = answer.Json.EnumerateArray().ToList();
        // Footway 1 enters at (X0, Y0+50); path 2 crosses the top edge at (X0+100, Y0+200); the road (4) does not count.
        Assert.Equal([1L, 2L], points.Select(p => p.GetProperty("edge_id").GetInt64()));
        var p1 = await ToBngAsync(points[0]);
        Assert.Equal(X0, p1.X, 0.5);
        Assert.Equal(Y0 + 50, p1.Y, 0.5);
        var p2 = await ToBngAsync(points[1]);
        Assert.Equal(X0 + 100, p2.X, 0.5);
        Assert.Equal(Y0 + 200, p2.Y, 0.5);
    }

    [Fact]
    public async Task Officer_observations_are_for_doco_only_audited_and_validated()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var users = new ApiUserStore(db.DataSource);
        var doco = await users.CreateAsync("doco-o", Role.Doco, CancellationToken.None);
        var planner = await users.CreateAsync("planner-o", Role.Planner, CancellationToken.None);

        var point = new { kind = "hiding_place", note = "Recessed doorway, no sightlines (test fixture).", date = "2023-06-10", geometry = new { type = "Point", coordinates = new[] { -2.995, 51.588 } } };
        var line = new { kind = "poor_lighting", date = "2023-06-10", geometry = new { type = "LineString", coordinates = new[] { new[] { -2.995, 51.588 }, new[] { -2.994, 51.589 } } } };
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(api, HttpMethod.Post, "/api/v1/doco/observations", doco, point)).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(api, HttpMethod.Post, "/api/v1/doco/observations", doco, line)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(api, HttpMethod.Post, "/api/v1/doco/observations", planner, point)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(api, HttpMethod.Get, "/api/v1/doco/observations?bbox=-3.1,51.5,-2.9,51.7", null, null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(api, HttpMethod.Get, "/api/v1/doco/observations?bbox=-3.1,51.5,-2.9,51.7", planner, null)).Status);

        var list = await SendAsync(api, HttpMethod.Get, "/api/v1/doco/observations?bbox=-3.1,51.5,-2.9,51.7", doco, null);
        Assert.Equal(2, list.Json.GetArrayLength());
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE actor = 'doco-o' AND action = 'create'"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE actor = 'doco-o' AND action = 'read' AND resource = 'doco_features/officer'"));
        Assert.Equal("LINESTRING", await db.ScalarAsync<string>("SELECT GeometryType(geom) FROM risk.doco_features WHERE kind = 'poor_lighting'"));

        var bad = await SendAsync(api, HttpMethod.Post, "/api/v1/doco/observations", doco, new { kind = "Bad Kind", date = "10/06/2023", geometry = new { type = "Polygon", coordinates = Array.Empty<int>() } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        var errors = bad.Json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _) && errors.TryGetProperty("date", out _) && errors.TryGetProperty("geometry", out _));
    }

    [Fact]
    public async Task Recommendations_on_planning_applications_record_adoption_for_doco_only()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var users = new ApiUserStore(db.DataSource);
        var doco = await users.CreateAsync("doco-r", Role.Doco, CancellationToken.None);
        var planner = await users.CreateAsync("planner-r", Role.Planner, CancellationToken.None);

        var first = await SendAsync(api, HttpMethod.Post, "/api/v1/doco/recommendations", doco, new { application_ref = "TEST/0001", recommendation = "Gate the rear alley (test fixture).", date = "2023-03-01" });
        var second = await SendAsync(api, HttpMethod.Post, "/api/v1/doco/recommendations", doco, new { application_ref = "TEST/0001", recommendation = "Light the footpath (test fixture).", date = "2023-03-01" });
        Assert.Equal(HttpStatusCode.Created, first.Status);
        var id1 = first.Json.GetProperty("id").GetInt64();
        var id2 = second.Json.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Put, $"/api/v1/doco/recommendations/{id1}/decision", doco, new { adopted = true, date = "2023-05-01" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Put, $"/api/v1/doco/recommendations/{id2}/decision", doco, new { adopted = false, date = "2023-05-01" })).Status);

        var list = await SendAsync(api, HttpMethod.Get, "/api/v1/doco/recommendations?application_ref=TEST/0001", doco, null);
        Assert.Equal(2, list.Json.GetProperty("decided").GetInt32());
        Assert.Equal(0.5, list.Json.GetProperty("adoption_rate").GetDouble());
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(api, HttpMethod.Get, "/api/v1/doco/recommendations", planner, null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(api, HttpMethod.Put, "/api/v1/doco/recommendations/999999/decision", doco, new { adopted = true, date = "2023-05-01" })).Status);

        var bad = await SendAsync(api, HttpMethod.Put, $"/api/v1/doco/recommendations/{id1}/decision", doco, new { adopted = "yes", date = "2999-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.True(bad.Json.GetProperty("errors").TryGetProperty("adopted", out _) && bad.Json.GetProperty("errors").TryGetProperty("date", out _));
        Assert.Equal(4L, await db.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE actor = 'doco-r' AND resource LIKE 'doco_recommendations/%'"));
    }

    private async Task<(double X, double Y)> ToBngAsync(JsonElement p)
    {
        await using var cmd = db.DataSource.CreateCommand("SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 27700) g) s");
        cmd.Parameters.AddWithValue(p.GetProperty("lon").GetDouble());
        cmd.Parameters.AddWithValue(p.GetProperty("lat").GetDouble());
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetDouble(0), r.GetDouble(1));
    }

    private async Task SeedNetworkAsync()
    {
        string Line(double ax, double ay, double bx, double by) => FormattableString.Invariant($"ST_SetSRID(ST_MakeLine(ST_MakePoint({X0 + ax}, {Y0 + ay}), ST_MakePoint({X0 + bx}, {Y0 + by})), 27700)");
        var sql = $"""
            INSERT INTO network.edges (id, source, target, highway, lit, service, footway, length_m, cost_walk, reverse_cost_walk, cost_cycle, reverse_cost_cycle, cost_drive, reverse_cost_drive, geom) VALUES
            (1, 1, 2, 'footway', 'no', NULL, NULL, 200, 1, 1, 1, 1, -1, -1, {Line(-100, 50, 100, 50)}),
            (2, 3, 4, 'path', NULL, NULL, NULL, 200, 1, 1, 1, 1, -1, -1, {Line(100, 100, 100, 300)}),
            (3, 5, 6, 'steps', '', NULL, NULL, 50, 1, 1, -1, -1, -1, -1, {Line(500, 500, 550, 500)}),
            (4, 7, 8, 'residential', NULL, NULL, NULL, 400, 1, 1, 1, 1, 1, 1, {Line(-100, 150, 300, 150)}),
            (5, 9, 10, 'footway', 'no', NULL, 'sidewalk', 50, 1, 1, 1, 1, -1, -1, {Line(600, 600, 650, 600)}),
            (6, 11, 12, 'service', 'yes', 'alley', NULL, 50, 1, 1, 1, 1, 1, 1, {Line(700, 700, 750, 700)}),
            (7, 13, 14, 'footway', 'yes', NULL, NULL, 50, 1, 1, 1, 1, -1, -1, {Line(800, 800, 850, 800)})
            """;
        await using var cmd = db.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(RunningApi api, HttpMethod method, string url, string? token, object? body)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await api.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return (response.StatusCode, doc.RootElement.Clone());
    }
}
