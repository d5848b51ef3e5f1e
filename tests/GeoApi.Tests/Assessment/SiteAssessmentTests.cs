using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Assessment;

public class SiteAssessmentTests(NewportPlacesDatabase newport) : IClassFixture<NewportPlacesDatabase>
{
    // A real point in central Newport (near Newport station).
    private const double Lon = -2.9977, Lat = 51.5885;

    private TestDatabase Db => newport.Db;

    [Fact]
    public async Task Every_travel_figure_equals_travel_times_and_counts_equal_direct_sql()
    {
        await using var api = await RunningApi.StartAsync(Db.ConnectionString);
        var planner = await new ApiUserStore(Db.DataSource).CreateAsync("planner-sites", Role.Planner, CancellationToken.None);
        var answer = await api.PostJsonAsync("/api/v1/sites/assess", planner,
            new { sites = new[] { new { lon = Lon, lat = Lat, name = "Station (test)" } }, modes = new[] { "walk", "drive", "transit" }, services = new[] { "gp", "youth_club", "pharmacy" } });
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var site = Assert.Single(answer.Json.GetProperty("sites").EnumerateArray());

        foreach (var kind in new[] { "gp", "youth_club", "pharmacy" })
        {
            foreach (var mode in new[] { "walk", "drive" })
            {
                var figure = site.GetProperty("services").GetProperty(kind).GetProperty(mode);
                Assert.True(figure.GetProperty("available").GetBoolean());
                var (ids, seconds) = await TravelTimesAsync(api, kind, mode);
                var reachable = seconds.Select((s, i) => (s, i)).Where(p => p.s is not null).ToList();
                Assert.NotEmpty(reachable);
                var best = reachable.MinBy(p => p.s!.Value);
                var nearest = figure.GetProperty("nearest");
                Assert.Equal(best.s!.Value, nearest.GetProperty("seconds").GetDouble());
                Assert.Equal(ids[best.i], nearest.GetProperty("id").GetInt64());
                Assert.Equal(reachable.Count(p => p.s <= 900), figure.GetProperty("within_15_min").GetInt32());
                Assert.Equal(reachable.Count(p => p.s <= 1800), figure.GetProperty("within_30_min").GetInt32());
                // The route is at least as long as the straight line (both legs to and from the network included).
                Assert.True(nearest.GetProperty("route_length_m").GetDouble() >= nearest.GetProperty("straight_line_m").GetDouble() - 0.1);
            }

            // No GTFS is loaded in this database: transit is said to be missing, not invented.
            var transit = site.GetProperty("services").GetProperty(kind).GetProperty("transit");
            Assert.False(transit.GetProperty("available").GetBoolean());
            Assert.Contains("GTFS", transit.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        // ASB and crime within 400 m over the 12 months: direct SQL on the same point.
        var (x, y) = BritishNationalGrid.FromWgs84(Lon, Lat);
        var point = FormattableString.Invariant($"ST_SetSRID(ST_MakePoint({x}, {y}), 27700)");
        const string period = "month BETWEEN (SELECT max(month) - interval '11 months' FROM risk.incidents) AND (SELECT max(month) FROM risk.incidents)";
        var asb = await Db.ScalarAsync<long>($"SELECT count(*) FROM risk.incidents WHERE category = 'Anti-social behaviour' AND ST_DWithin(geom, {point}, 400) AND {period}");
        var crime = await Db.ScalarAsync<long>($"SELECT count(*) FROM risk.incidents WHERE category <> 'Anti-social behaviour' AND ST_DWithin(geom, {point}, 400) AND {period}");
        var risk = site.GetProperty("risk");
        Assert.Equal(asb, risk.GetProperty("asb").GetProperty("count").GetInt64());
        Assert.Equal(crime, risk.GetProperty("crime").GetProperty("count").GetInt64());
        Assert.Equal(asb, risk.GetProperty("asb").GetProperty("monthly").EnumerateArray().Sum(m => m.GetInt64()));
        Assert.True(asb > 0);

        // LSOA, its rural-urban class and WIMD rank: as places.areas holds them.
        var lsoa = await Db.ScalarAsync<string>($"SELECT code FROM places.areas WHERE kind = 'lsoa' AND ST_Intersects(geom, {point}) ORDER BY code LIMIT 1");
        Assert.Equal(lsoa, site.GetProperty("lsoa").GetProperty("code").GetString());
        Assert.Equal(await Db.ScalarAsync<int>($"SELECT wimd_rank FROM places.areas WHERE code = '{lsoa}'"), site.GetProperty("lsoa").GetProperty("wimd_rank").GetInt32());

        // The hot spot class of its cell equals /api/v1/risk/hotspots for that cell.
        var cell = site.GetProperty("hotspot").GetProperty("asb");
        var map = await GetJsonAsync(api, "/api/v1/risk/hotspots?source=asb", planner);
        var same = map.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("properties").GetProperty("code").GetString() == cell.GetProperty("code").GetString());
        Assert.Equal(same.GetProperty("properties").GetProperty("class").GetInt32(), cell.GetProperty("class").GetInt32());

        // Every flag names its figure.
        foreach (var flag in site.GetProperty("flags").EnumerateArray())
        {
            var why = flag.GetProperty("why").GetString()!;
            switch (flag.GetProperty("id").GetString())
            {
                case "asb_high":
                    Assert.Contains(risk.GetProperty("asb").GetProperty("per_km2").GetDouble().ToString("0.#", CultureInfo.InvariantCulture) + " per km²", why, StringComparison.Ordinal);
                    break;
                case "no_youth_club":
                    Assert.Contains(site.GetProperty("services").GetProperty("youth_club").GetProperty("walk").GetProperty("nearest").GetProperty("minutes").GetDouble().ToString("0.0", CultureInfo.InvariantCulture) + " min on foot", why, StringComparison.Ordinal);
                    break;
                case "gp_far":
                    Assert.Contains(site.GetProperty("services").GetProperty("gp").GetProperty("walk").GetProperty("nearest").GetProperty("minutes").GetDouble().ToString("0.0", CultureInfo.InvariantCulture) + " min on foot", why, StringComparison.Ordinal);
                    break;
                default:
                    Assert.Contains("threshold", why, StringComparison.Ordinal);
                    break;
            }
        }

        Assert.Equal(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE actor = 'planner-sites' AND resource = 'sites/assess'"));
    }

    [Fact]
    public async Task Sites_are_saved_compared_and_exported_for_the_right_roles_only()
    {
        await using var api = await RunningApi.StartAsync(Db.ConnectionString);
        var users = new ApiUserStore(Db.DataSource);
        var lead = await users.CreateAsync("lead-sites", Role.CohesionLead, CancellationToken.None);
        var doco = await users.CreateAsync("doco-sites", Role.Doco, CancellationToken.None);
        var a = await api.PostJsonAsync("/api/v1/sites", lead, new { lon = Lon, lat = Lat, name = "=Site A, \"test\"", capacity = 20 });
        var b = await api.PostJsonAsync("/api/v1/sites", lead, new { lon = -2.9850, lat = 51.5820, name = "Site B (test)" });
        Assert.Equal(HttpStatusCode.Created, a.Status);
        var ids = $"{a.Json.GetProperty("id").GetInt64()},{b.Json.GetProperty("id").GetInt64()}";

        var table = await GetJsonAsync(api, $"/api/v1/sites/compare?ids={ids}&modes=walk", lead);
        var columns = table.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("gp_walk_minutes", columns);
        Assert.Equal(2, table.GetProperty("rows").GetArrayLength());

        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/sites/compare?ids={ids}&modes=walk&format=csv");
        csvRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", lead);
        using var csv = await api.Client.SendAsync(csvRequest);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("id,name,lon,lat,lsoa", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"'=Site A, \"\"test\"\"\"", lines[1], StringComparison.Ordinal); // quoted, and not a spreadsheet formula

        var geo = await GetJsonAsync(api, $"/api/v1/sites/compare?ids={ids}&modes=walk&format=geojson", lead);
        Assert.Equal("FeatureCollection", geo.GetProperty("type").GetString());
        Assert.Equal(2, geo.GetProperty("features").GetArrayLength());

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(api, "/api/v1/sites/compare?ids=999999", lead)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(api, "/api/v1/sites/compare?ids=abc", lead)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(api, $"/api/v1/sites/compare?ids={ids}&modes=bus", lead)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(api, $"/api/v1/sites/compare?ids={ids}", doco)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(api, $"/api/v1/sites/compare?ids={ids}", null)).Status);
        Assert.Equal(3L, await Db.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE actor = 'lead-sites' AND resource = 'sites/compare'"));
        Assert.Equal(2L, await Db.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE actor = 'lead-sites' AND action = 'create'"));
    }

    [Fact]
    public async Task Bad_requests_get_clear_answers()
    {
        await using var api = await RunningApi.StartAsync(Db.ConnectionString);
        var planner = await new ApiUserStore(Db.DataSource).CreateAsync("planner-bad-sites", Role.Planner, CancellationToken.None);
        var many = await api.PostJsonAsync("/api/v1/sites/assess", planner, new { sites = Enumerable.Range(0, 51).Select(_ => new { lon = Lon, lat = Lat }).ToArray() });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, many.Status);
        Assert.Contains("at most 50", many.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var bad = await api.PostJsonAsync("/api/v1/sites/assess", planner, new { sites = new object[] { new { lon = 200, lat = Lat } }, modes = new[] { "bus" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.True(bad.Json.GetProperty("errors").TryGetProperty("sites[0]", out _) && bad.Json.GetProperty("errors").TryGetProperty("modes", out _));
        var outside = await api.PostJsonAsync("/api/v1/sites/assess", planner, new { sites = new[] { new { lon = -0.13, lat = 51.5 } }, modes = new[] { "walk" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.Status);
        Assert.True(outside.Json.GetProperty("errors").TryGetProperty("sites[0]", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostJsonAsync("/api/v1/sites/assess", null, new { sites = new[] { new { lon = Lon, lat = Lat } } })).Status);
    }

    [Fact]
    public async Task The_issues_bad_input_list_gets_problem_json_and_never_a_500()
    {
        await using var api = await RunningApi.StartAsync(Db.ConnectionString);
        var planner = await new ApiUserStore(Db.DataSource).CreateAsync("planner-bad-list", Role.Planner, CancellationToken.None);

        // 51 sites: 413 with the limit named.
        var many = await SendRawAsync(api, HttpMethod.Post, "/api/v1/sites/assess", planner, new { sites = Enumerable.Range(0, 51).Select(_ => new { lon = Lon, lat = Lat }).ToArray() });
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "application/problem+json"), (many.Status, many.MediaType));
        Assert.Contains("sites", many.Json.GetProperty("errors").EnumerateObject().Select(e => e.Name));

        // A point outside the data's extent (central London), whatever the modes: 422 naming the site, for transit alone too.
        foreach (var modes in new[] { new[] { "walk" }, new[] { "transit" }, new[] { "drive", "cycle" } })
        {
            var outside = await SendRawAsync(api, HttpMethod.Post, "/api/v1/sites/assess", planner, new { sites = new[] { new { lon = Lon, lat = Lat }, new { lon = -0.13, lat = 51.5 } }, modes });
            Assert.Equal((HttpStatusCode.UnprocessableEntity, "application/problem+json"), (outside.Status, outside.MediaType));
            Assert.True(outside.Json.GetProperty("errors").TryGetProperty("sites[1]", out _), string.Join(',', modes));
        }

        // 51 saved ids to compare, an id that is not a number: 400 naming ids.
        var ids = string.Join(',', Enumerable.Range(1, 51));
        var tooMany = await SendRawAsync(api, HttpMethod.Get, $"/api/v1/sites/compare?ids={ids}", planner, null);
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (tooMany.Status, tooMany.MediaType));
        Assert.True(tooMany.Json.GetProperty("errors").TryGetProperty("ids", out _));

        // Unknown postcode: 404 naming it; malformed: 400.
        var unknown = await SendRawAsync(api, HttpMethod.Get, "/api/v1/postcodes/SW1A%201AA", planner, null);
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (unknown.Status, unknown.MediaType));
        Assert.Contains("SW1A 1AA", unknown.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // No sites, null entries, a body that is not JSON: 400, never a 500.
        Assert.Equal(HttpStatusCode.BadRequest, (await SendRawAsync(api, HttpMethod.Post, "/api/v1/sites/assess", planner, new { sites = Array.Empty<object>() })).Status);
        var nulls = await SendRawAsync(api, HttpMethod.Post, "/api/v1/sites/assess", planner, new { sites = new object?[] { null } });
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (nulls.Status, nulls.MediaType));
        using var broken = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sites/assess") { Content = new StringContent("{\"sites\": [", System.Text.Encoding.UTF8, "application/json") };
        broken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", planner);
        using var brokenResponse = await api.Client.SendAsync(broken);
        Assert.Equal(HttpStatusCode.BadRequest, brokenResponse.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, string? MediaType, JsonElement Json)> SendRawAsync(RunningApi api, HttpMethod method, string url, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, doc.RootElement.Clone());
    }

    [Fact]
    public async Task Isolated_communities_join_the_isolation_ranking_with_tension_and_asb()
    {
        // The places area's own accessibility computation, for the services the isolation index uses.
        var data = Path.GetDirectoryName(Path.GetDirectoryName(DataFiles.Find("policeuk/2022-07-gwent-street.csv")))!;
        var (graph, importId) = await CohesionGeo.GeoApi.Access.AccessGraph.LoadAsync(Db.DataSource, data, CancellationToken.None);
        await CohesionGeo.GeoApi.Access.AccessComputation.RunAsync(Db.DataSource, graph, importId, [.. CohesionGeo.GeoEngine.Accessibility.IsolationIndex.Services], null, CancellationToken.None);
        await using var api = await RunningApi.StartAsync(Db.ConnectionString);
        var lead = await new ApiUserStore(Db.DataSource).CreateAsync("lead-isolation", Role.CohesionLead, CancellationToken.None);
        var isolation = await GetJsonAsync(api, "/api/v1/isolation?level=lsoa", lead);
        var ranking = isolation.GetProperty("ranking").EnumerateArray().ToList();
        Assert.NotEmpty(ranking);
        var top = ranking[0].GetProperty("code").GetString()!;

        // Test fixtures (SYNTHETIC): an old report and a recent level-5 report in the most isolated LSOA.
        await using (var cmd = Db.DataSource.CreateCommand($"""
            INSERT INTO risk.tension_reports (reported_on, tier, level, theme, area_code, summary, synthetic, created_by) VALUES
            (DATE '2023-04-01', 'evidenced', 2, 'other', '{top}', 'SYNTHETIC test fixture', true, 'test'),
            (DATE '2023-06-20', 'evidenced', 5, 'other', '{top}', 'SYNTHETIC test fixture', true, 'test')
            """))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        var joined = await GetJsonAsync(api, "/api/v1/isolation/tension?isolated_share=0.1", lead);
        var areas = joined.GetProperty("areas").EnumerateArray().ToList();
        Assert.Equal(ranking.Select(r => r.GetProperty("code").GetString()), areas.Select(a => a.GetProperty("code").GetString()));
        Assert.Equal("2023-06-20", joined.GetProperty("as_of").GetString());
        var rising = Assert.Single(joined.GetProperty("isolated_and_tension_rising").EnumerateArray());
        Assert.Equal(top, rising.GetProperty("code").GetString());
        Assert.NotNull(joined.GetProperty("synthetic").GetString());

        // Tension equals /api/v1/risk/tension-index now and 28 days earlier; the ASB trend equals /api/v1/risk/areas.
        var index = await GetJsonAsync(api, "/api/v1/risk/tension-index", lead);
        Assert.Equal(index.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("area_code").GetString() == top).GetProperty("index").GetDouble(), rising.GetProperty("tension_index").GetDouble(), 9);
        var before = await GetJsonAsync(api, "/api/v1/risk/tension-index?as_of=2023-05-23", lead);
        Assert.Equal(before.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("area_code").GetString() == top).GetProperty("index").GetDouble(), rising.GetProperty("tension_index_before").GetDouble(), 9);
        var risk = await GetJsonAsync(api, "/api/v1/risk/areas?source=asb", lead);
        var area = risk.GetProperty("areas").EnumerateArray().FirstOrDefault(a => a.GetProperty("code").GetString() == top);
        if (area.ValueKind == JsonValueKind.Object && area.GetProperty("trend_ratio").ValueKind == JsonValueKind.Number)
        {
            Assert.Equal(area.GetProperty("trend_ratio").GetDouble(), rising.GetProperty("asb_trend").GetProperty("ratio").GetDouble(), 9);
            Assert.Equal(area.GetProperty("total").GetInt64(), rising.GetProperty("asb_count").GetInt64());
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/isolation/tension?isolated_share=0.1&format=csv");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", lead);
        using var csv = await api.Client.SendAsync(request);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("rank,code,name", lines[0], StringComparison.Ordinal);
        Assert.Contains(top, lines[1], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(api, "/api/v1/isolation/tension", null)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(api, "/api/v1/isolation/tension?isolated_share=2", lead)).Status);
    }

    [Fact]
    public void Flag_thresholds_are_validated_at_start_up()
    {
        var ok = AssessmentOptions.FromEnvironment(n => n == "COHESIONGEO_FLAG_GP_MINUTES" ? "20" : null);
        Assert.Equal(20, ok.SiteFlags.GpMinutes);
        var ex = Assert.Throws<OptionsException>(() => AssessmentOptions.FromEnvironment(n => n == "COHESIONGEO_FLAG_TENSION_LEVEL" ? "9" : null));
        Assert.Contains("COHESIONGEO_FLAG_TENSION_LEVEL", ex.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsException>(() => AssessmentOptions.FromEnvironment(n => n == "COHESIONGEO_DOCO_MAX_AREA_KM2" ? "lots" : null));
    }

    /// <summary>POST /api/v1/travel-times from the site to the facilities of a kind that the mode can reach from the network (others are dropped).</summary>
    private async Task<(long[] Ids, double?[] Seconds)> TravelTimesAsync(RunningApi api, string kind, string mode)
    {
        var column = mode == "walk" ? "cost_walk" : "cost_drive";
        var ids = new List<long>();
        var points = new List<object>();
        await using (var cmd = Db.DataSource.CreateCommand($"""
            SELECT f.id, ST_X(f.geom), ST_Y(f.geom) FROM places.facilities f
            WHERE f.kind = $1 AND EXISTS (SELECT 1 FROM network.edges e WHERE ST_DWithin(e.geom, f.geom, 900) AND (e.{column} >= 0 OR e.reverse_{column} >= 0))
            ORDER BY f.id
            """))
        {
            cmd.Parameters.AddWithValue(kind);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt64(0));
                var (lon, lat) = BritishNationalGrid.ToWgs84(reader.GetDouble(1), reader.GetDouble(2));
                points.Add(new { lon, lat });
            }
        }

        while (true)
        {
            var answer = await api.PostJsonAsync("/api/v1/travel-times", null, new { origins = new[] { new { lon = Lon, lat = Lat } }, destinations = points, mode });
            if (answer.Status == HttpStatusCode.OK)
            {
                return ([.. ids], answer.Json.GetProperty("seconds")[0].EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray());
            }

            // A facility the mode cannot link to (e.g. near a footpath only, for drive): drop it, as the dossier does.
            var key = answer.Json.GetProperty("errors").EnumerateObject().First().Name;
            var index = int.Parse(key["destinations[".Length..^1], CultureInfo.InvariantCulture);
            ids.RemoveAt(index);
            points.RemoveAt(index);
        }
    }

    private static async Task<JsonElement> GetJsonAsync(RunningApi api, string url, string token)
    {
        var (status, json) = await GetAsync(api, url, token);
        Assert.True(status == HttpStatusCode.OK, $"{url}: {(int)status} {json}");
        return json;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json)> GetAsync(RunningApi api, string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await api.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return (response.StatusCode, doc.RootElement.Clone());
    }
}
