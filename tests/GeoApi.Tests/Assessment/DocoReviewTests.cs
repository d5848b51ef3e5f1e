using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Assessment;

public class DocoReviewTests(NewportRiskDatabase newport) : IClassFixture<NewportRiskDatabase>
{
    // A real boundary in Newport (WGS84), about 200 m × 200 m, where OSM has unlit footpaths.
    private const string Square = """{"type":"Polygon","coordinates":[[[-3.0342,51.5641],[-3.0312,51.5641],[-3.0312,51.5659],[-3.0342,51.5659],[-3.0342,51.5641]]]}""";
    private const string Path27700 = "('footway', 'path', 'pedestrian', 'steps', 'cycleway', 'bridleway', 'track')";

    private TestDatabase Db => newport.Db;

    private static string B(string geoJson) => $"ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON('{geoJson}'), 4326), 27700)";

    [Fact]
    public async Task A_review_of_a_real_boundary_equals_direct_sql_counts()
    {
        Assert.True(newport.IncidentsImported > 60_000);
        // Test fixtures: an officer observation 100 m south of the boundary, another planning application next to it, a recommendation on that one.
        await using (var cmd = Db.DataSource.CreateCommand($"""
            INSERT INTO risk.doco_features (kind, source, note, observed_on, geom, created_by)
            SELECT 'hiding_place', 'officer', 'Recessed doorway <test fixture>', DATE '2023-05-02', ST_Translate(ST_Centroid({B(Square)}), 0, -200), 'test';
            INSERT INTO places.sites (kind, ref, name, status, geom, created_by)
            SELECT 'planning_application', 'TEST/OTHER', 'Test fixture application', 'pending', ST_Buffer(ST_Translate(ST_Centroid({B(Square)}), 300, 0), 30), 'test';
            INSERT INTO risk.doco_recommendations (application_ref, recommendation, made_on, adopted, decided_on, created_by)
            VALUES ('TEST/OTHER', 'Light the path (test fixture).', DATE '2023-01-01', true, DATE '2023-03-01', 'test');
            """))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        await using var api = await RunningApi.StartAsync(Db.ConnectionString);
        var users = new ApiUserStore(Db.DataSource);
        var doco = await users.CreateAsync("doco-review", Role.Doco, CancellationToken.None);
        var planner = await users.CreateAsync("planner-review", Role.Planner, CancellationToken.None);
        var answer = await api.PostJsonAsync("/api/v1/doco/review", doco, Request("TEST/0001", Square));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var pack = answer.Json;
        Assert.False(pack.GetProperty("boundary").GetProperty("repaired").GetBoolean());
        Assert.Contains("snapped", pack.GetProperty("caveat").GetString(), StringComparison.Ordinal);

        // Incidents per buffer and category: the 12 months up to the latest loaded month, counted directly.
        var latest = await Db.ScalarAsync<DateTime>("SELECT max(month)::timestamp FROM risk.incidents");
        Assert.Equal(latest.ToString("yyyy-MM", CultureInfo.InvariantCulture), pack.GetProperty("period").GetProperty("to").GetString());
        var buffers = pack.GetProperty("incidents").EnumerateArray().ToList();
        Assert.Equal([100, 250, 500], buffers.Select(b => b.GetProperty("distance_metres").GetInt32()));
        foreach (var buffer in buffers)
        {
            var metres = buffer.GetProperty("distance_metres").GetInt32();
            var expected = await CategoryCountsAsync(metres, latest);
            var actual = buffer.GetProperty("by_category").EnumerateArray().ToDictionary(c => c.GetProperty("category").GetString()!, c => c.GetProperty("count").GetInt64());
            Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
            Assert.Equal(expected.Values.Sum(), buffer.GetProperty("total").GetInt64());
            Assert.Equal(buffer.GetProperty("total").GetInt64(), buffer.GetProperty("monthly").EnumerateArray().Sum(m => m.GetInt64()));
            Assert.Equal(12, buffer.GetProperty("monthly").GetArrayLength());
        }

        Assert.True(buffers[2].GetProperty("total").GetInt64() > 0);

        // Entry points: the path-type edges that meet the outline, found directly; every point on the outline.
        var entry = pack.GetProperty("entry_points").EnumerateArray().ToList();
        var edges = await ListAsync<long>($"SELECT e.id FROM network.edges e WHERE (e.highway IN {Path27700} OR e.footway IS NOT NULL) AND ST_Intersects(e.geom, ST_Boundary({B(Square)})) ORDER BY e.id");
        Assert.NotEmpty(edges);
        Assert.Equal(edges, entry.Select(p => p.GetProperty("edge_id").GetInt64()).Distinct().Order());
        foreach (var p in entry)
        {
            var metres = await Db.ScalarAsync<double>(FormattableString.Invariant(
                $"SELECT ST_Distance(ST_Transform(ST_SetSRID(ST_MakePoint({p.GetProperty("lon").GetDouble()}, {p.GetProperty("lat").GetDouble()}), 4326), 27700), ST_Boundary({B(Square)}))"));
            Assert.True(metres < 0.5, $"entry point {metres} m from the outline");
        }

        // Unlit paths and alleys within 250 m, counted on network.edges (not on the derived table).
        var paths = pack.GetProperty("paths_and_alleys");
        Assert.Equal(await Db.ScalarAsync<long>($"SELECT count(*) FROM network.edges e WHERE (e.highway IN {Path27700} OR e.footway IS NOT NULL) AND lower(e.lit) = 'no' AND ST_DWithin(e.geom, {B(Square)}, 250)"),
            paths.GetProperty("unlit_paths").GetInt32());
        Assert.Equal(await Db.ScalarAsync<long>($"SELECT count(*) FROM network.edges e WHERE e.service = 'alley' AND ST_DWithin(e.geom, {B(Square)}, 250)"),
            paths.GetProperty("alleys").GetInt32());
        Assert.True(paths.GetProperty("unlit_paths").GetInt32() > 0);

        // Hot spots: the same classes as GET /api/v1/risk/hotspots gives by default for those cells.
        foreach (var source in new[] { "asb", "crime" })
        {
            var map = await GetAsync(api, $"/api/v1/risk/hotspots?source={source}", doco);
            var classes = map.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("properties").GetProperty("code").GetString()!, f => f.GetProperty("properties").GetProperty("class").GetInt32());
            var cells = pack.GetProperty("hotspots").GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("source").GetString() == source).ToList();
            Assert.NotEmpty(cells);
            Assert.All(cells, c => Assert.Equal(classes[c.GetProperty("code").GetString()!], c.GetProperty("class").GetInt32()));
        }

        var touching = await Db.ScalarAsync<long>($"SELECT count(*) FROM places.areas a WHERE a.kind = 'hex' AND a.code LIKE 'H250\\_%' AND ST_DWithin(a.geom, {B(Square)}, 500)");
        Assert.Equal(touching, pack.GetProperty("hotspots").GetProperty("cells_touching").GetInt32());

        // The officer's observation (with its note for doco), the other application with its adopted recommendation.
        var observation = Assert.Single(pack.GetProperty("observations").EnumerateArray());
        Assert.Equal("Recessed doorway <test fixture>", observation.GetProperty("note").GetString());
        var application = Assert.Single(pack.GetProperty("applications").EnumerateArray());
        Assert.Equal("TEST/OTHER", application.GetProperty("ref").GetString());
        Assert.Equal(1, application.GetProperty("adopted").GetInt64());

        // The checklist names its figures.
        var checklist = pack.GetProperty("checklist").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal("attention", checklist["permeability"].GetProperty("status").GetString());
        Assert.Contains($"{entry.Count} footpath crossing", checklist["permeability"].GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.Equal("attention", checklist["lighting"].GetProperty("status").GetString());

        // Planners get the pack without officers' notes; every review is audited.
        var forPlanner = await api.PostJsonAsync("/api/v1/doco/review", planner, Request("TEST/0001", Square));
        Assert.Equal(HttpStatusCode.OK, forPlanner.Status);
        Assert.Equal(JsonValueKind.Null, Assert.Single(forPlanner.Json.GetProperty("observations").EnumerateArray()).GetProperty("note").ValueKind);
        Assert.Equal(2L, await Db.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE resource = 'doco/review' AND detail->>'reference' = 'TEST/0001'"));
    }

    [Fact]
    public async Task The_buffer_rings_for_the_map_are_the_boundary_buffered_in_metres()
    {
        await using var api = await RunningApi.StartAsync(Db.ConnectionString);
        var doco = await new ApiUserStore(Db.DataSource).CreateAsync("doco-buffers", Role.Doco, CancellationToken.None);
        var answer = await api.PostJsonAsync("/api/v1/doco/review", doco, Request("TEST/BUFFERS", Square));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var rings = answer.Json.GetProperty("buffers").EnumerateArray().ToList();
        Assert.Equal([100, 250, 500], rings.Select(r => r.GetProperty("distance_metres").GetInt32()));
        Assert.Equal(
            answer.Json.GetProperty("incidents").EnumerateArray().Select(b => b.GetProperty("distance_metres").GetInt32()),
            rings.Select(r => r.GetProperty("distance_metres").GetInt32()));
        foreach (var ring in rings)
        {
            var metres = ring.GetProperty("distance_metres").GetInt32();
            var geometry = ring.GetProperty("geometry").GetRawText();
            Assert.Equal("Polygon", ring.GetProperty("geometry").GetProperty("type").GetString());

            // Oracle: PostGIS buffering the same square directly in EPSG:27700; the ring comes back through WGS84 at 6 decimals.
            var apart = await Db.ScalarAsync<double>(FormattableString.Invariant($"SELECT ST_HausdorffDistance({B(geometry)}, ST_Buffer({B(Square)}, {metres}))"));
            Assert.True(apart < 0.5, $"{metres} m ring is {apart} m from ST_Buffer");
            var gap = await Db.ScalarAsync<double>(FormattableString.Invariant($"SELECT ST_Distance(ST_Boundary({B(geometry)}), {B(Square)})"));
            // 8 segments per quarter circle: the chords at the corners come in by at most r × (1 − cos(π/32)) ≈ 0.5% of r.
            Assert.InRange(gap, (metres * Math.Cos(Math.PI / 32)) - 0.2, metres + 0.2);
        }
    }

    [Fact]
    public async Task The_printable_page_is_bilingual_and_encodes_what_it_shows()
    {
        await using var api = await RunningApi.StartAsync(Db.ConnectionString);
        var doco = await new ApiUserStore(Db.DataSource).CreateAsync("doco-html", Role.Doco, CancellationToken.None);
        foreach (var url in new[] { "/api/v1/doco/review.html", "/api/v1/doco/review?format=html" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(Request("<script>alert(1)</script>", Square)) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", doco);
            using var response = await api.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            var html = await response.Content.ReadAsStringAsync();
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.Contains("Designing Out Crime evidence pack", html, StringComparison.Ordinal);
            Assert.Contains("Pecyn tystiolaeth", html, StringComparison.Ordinal);
            Assert.Contains("Mannau mynediad llwybrau troed", html, StringComparison.Ordinal);
            Assert.Contains("lang=\"cy\"", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Bad_boundaries_get_clear_answers_never_a_500()
    {
        await using var api = await RunningApi.StartAsync(Db.ConnectionString);
        var users = new ApiUserStore(Db.DataSource);
        var doco = await users.CreateAsync("doco-bad", Role.Doco, CancellationToken.None);
        var lead = await users.CreateAsync("lead-bad", Role.CohesionLead, CancellationToken.None);

        // A self-intersecting "bow tie" is repaired with ST_MakeValid and the answer says so.
        const string bowTie = """{"type":"Polygon","coordinates":[[[-3.0342,51.5641],[-3.0312,51.5659],[-3.0312,51.5641],[-3.0342,51.5659],[-3.0342,51.5641]]]}""";
        var repaired = await api.PostJsonAsync("/api/v1/doco/review", doco, Request("TEST/BOWTIE", bowTie));
        Assert.Equal(HttpStatusCode.OK, repaired.Status);
        Assert.True(repaired.Json.GetProperty("boundary").GetProperty("repaired").GetBoolean());
        Assert.Contains("Self-intersection", repaired.Json.GetProperty("boundary").GetProperty("invalid_reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(repaired.Json.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("ST_MakeValid", StringComparison.Ordinal));
        var area = await Db.ScalarAsync<double>($"SELECT ST_Area(ST_CollectionExtract(ST_MakeValid({B(bowTie)}), 3))");
        Assert.Equal(area, repaired.Json.GetProperty("boundary").GetProperty("area_m2").GetDouble(), 0.5);

        // 50 km²: over the 5 km² limit.
        const string large = """{"type":"Polygon","coordinates":[[[-3.10,51.53],[-2.95,51.53],[-2.95,51.59],[-3.10,51.59],[-3.10,51.53]]]}""";
        var tooLarge = await api.PostJsonAsync("/api/v1/doco/review", doco, Request("TEST/LARGE", large));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLarge.Status);
        Assert.Contains("at most 5 km²", tooLarge.Json.GetProperty("errors").GetProperty("boundary")[0].GetString(), StringComparison.Ordinal);

        // Outside the data (central London).
        const string london = """{"type":"Polygon","coordinates":[[[-0.130,51.500],[-0.127,51.500],[-0.127,51.502],[-0.130,51.502],[-0.130,51.500]]]}""";
        var outside = await api.PostJsonAsync("/api/v1/doco/review", doco, Request("TEST/LONDON", london));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.Status);
        Assert.Contains("outside the data extent", outside.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A ring of three positions (PostGIS reads it, nothing polygonal is left), a point instead of a polygon, no reference.
        var ring = await api.PostJsonAsync("/api/v1/doco/review", doco, Request("TEST/RING", """{"type":"Polygon","coordinates":[[[-3.03,51.56],[-3.02,51.56],[-3.03,51.56]]]}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ring.Status);
        Assert.Contains("no area", ring.Json.GetProperty("errors").GetProperty("boundary")[0].GetString(), StringComparison.Ordinal);
        var point = await api.PostJsonAsync("/api/v1/doco/review", doco, new { boundary = new { type = "Point", coordinates = new[] { -3.03, 51.56 } } });
        Assert.Equal(HttpStatusCode.BadRequest, point.Status);
        Assert.True(point.Json.GetProperty("errors").TryGetProperty("boundary", out _) && point.Json.GetProperty("errors").TryGetProperty("reference", out _));

        // Roles: no token → 401; cohesion lead → 403.
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostJsonAsync("/api/v1/doco/review", null, Request("TEST/0001", Square))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostJsonAsync("/api/v1/doco/review", lead, Request("TEST/0001", Square))).Status);
    }

    private static object Request(string reference, string boundary) => new { reference, boundary = JsonDocument.Parse(boundary).RootElement };

    private async Task<Dictionary<string, long>> CategoryCountsAsync(int metres, DateTime latest)
    {
        await using var cmd = Db.DataSource.CreateCommand($"""
            SELECT category, count(*) FROM risk.incidents
            WHERE geom IS NOT NULL AND ST_DWithin(geom, {B(Square)}, $1) AND month BETWEEN ($2::date - interval '11 months') AND $2::date
            GROUP BY category
            """);
        cmd.Parameters.AddWithValue((double)metres);
        cmd.Parameters.AddWithValue(DateOnly.FromDateTime(latest));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private async Task<List<T>> ListAsync<T>(string sql)
    {
        await using var cmd = Db.DataSource.CreateCommand(sql);
        var list = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetFieldValue<T>(0));
        }

        return list;
    }

    private static async Task<JsonElement> GetAsync(RunningApi api, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.Client.SendAsync(request);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }
}
