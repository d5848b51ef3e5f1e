using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Endpoints;

public class TensionRegisterEndpointTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly object Valid = new
    {
        date = "2023-05-02", tier = "evidenced", level = 3, theme = "far_right_activity", area_code = "W01001629",
        summary = "Leaflets at the bus station (test fixture).", partner = "Test partner",
    };

    [Fact]
    public async Task A_lead_creates_and_edits_a_report_and_every_version_and_access_is_kept()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var lead = await TokenAsync("lead-t", Role.CohesionLead);

        var created = await SendAsync(api, HttpMethod.Post, "/api/v1/tension-reports", lead, Valid);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Json.GetProperty("id").GetInt64();
        Assert.Equal(1, created.Json.GetProperty("version").GetInt32());

        var edited = await SendAsync(api, HttpMethod.Put, $"/api/v1/tension-reports/{id}", lead, new
        {
            date = "2023-05-02", tier = "evidenced", level = 5, theme = "far_right_activity", lon = -2.995, lat = 51.588,
            summary = "Leaflets and a gathering (test fixture).", partner = "Test partner",
        });
        Assert.Equal(HttpStatusCode.OK, edited.Status);
        Assert.Equal(5, edited.Json.GetProperty("level").GetInt32());
        Assert.Equal(-2.995, edited.Json.GetProperty("lon").GetDouble(), 1e-6);
        Assert.Equal(2, edited.Json.GetProperty("version").GetInt32());

        var history = await SendAsync(api, HttpMethod.Get, $"/api/v1/tension-reports/{id}/history", lead, null);
        var versions = history.Json.EnumerateArray().ToList();
        Assert.Equal(2, versions.Count);
        Assert.Equal("create", versions[0].GetProperty("change").GetString());
        Assert.Equal(3, versions[0].GetProperty("state").GetProperty("level").GetInt32());
        Assert.Equal("W01001629", versions[0].GetProperty("state").GetProperty("area_code").GetString());
        Assert.Equal(5, versions[1].GetProperty("state").GetProperty("level").GetInt32());
        Assert.Equal("lead-t", versions[1].GetProperty("changed_by").GetString());

        var list = await SendAsync(api, HttpMethod.Get, "/api/v1/tension-reports?from=2023-05-01", lead, null);
        Assert.Contains(list.Json.GetProperty("reports").EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);

        foreach (var (action, resource) in new[] { ("create", $"tension_reports/{id}"), ("update", $"tension_reports/{id}"), ("read", $"tension_reports/{id}/history"), ("read", "tension_reports") })
        {
            Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM audit.events WHERE actor = 'lead-t' AND action = '{action}' AND resource = '{resource}'"));
        }
    }

    [Fact]
    public async Task Invalid_tier_level_and_date_are_refused_field_by_field()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var lead = await TokenAsync("lead-v", Role.CohesionLead);
        var before = await db.ScalarAsync<long>("SELECT count(*) FROM risk.tension_reports");
        var answer = await SendAsync(api, HttpMethod.Post, "/api/v1/tension-reports", lead, new
        {
            date = "2023-02-30", tier = "rumoured", level = 7, theme = "religion", area_code = "W01001629",
        });
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        var errors = answer.Json.GetProperty("errors");
        Assert.Contains("2023-02-30", errors.GetProperty("date")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("rumoured", errors.GetProperty("tier")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("1 to 6", errors.GetProperty("level")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("theme", out _));
        Assert.Equal(before, await db.ScalarAsync<long>("SELECT count(*) FROM risk.tension_reports"));

        var noPlace = await SendAsync(api, HttpMethod.Post, "/api/v1/tension-reports", lead, new { date = "2023-02-01", tier = "potential", level = "2", theme = "other" });
        Assert.True(noPlace.Json.GetProperty("errors").TryGetProperty("area_code", out _));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Role.Viewer, HttpStatusCode.Forbidden)]
    [InlineData(Role.Planner, HttpStatusCode.Forbidden)]
    [InlineData(Role.Doco, HttpStatusCode.Forbidden)]
    public async Task Raw_reports_are_never_served_to_other_roles(Role? role, HttpStatusCode expected)
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var token = role is { } r ? await TokenAsync("other-" + r, r) : null;
        Assert.Equal(expected, (await SendAsync(api, HttpMethod.Get, "/api/v1/tension-reports", token, null)).Status);
        Assert.Equal(expected, (await SendAsync(api, HttpMethod.Get, "/api/v1/tension-reports/1/history", token, null)).Status);
        Assert.Equal(expected, (await SendAsync(api, HttpMethod.Post, "/api/v1/tension-reports", token, Valid)).Status);
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM audit.events WHERE actor = '{(token is null ? "anonymous" : "other-" + role)}'"));
    }

    [Fact]
    public async Task A_csv_import_is_taken_once_synthetic_rows_say_so_and_the_index_withholds_small_areas_from_viewers()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var lead = await TokenAsync("lead-c", Role.CohesionLead);
        var csv = new StringBuilder("date,tier,level,theme,area_code,lon,lat,summary,partner,synthetic\n");
        for (var i = 0; i < 6; i++)
        {
            csv.Append("2023-06-0").Append(i + 1).Append(",experienced,4,protest,W09000001,,,SYNTHETIC demo: test row,Test partner,true\n");
        }

        csv.Append("2023-06-01,potential,2,online_narrative,W09000002,,,SYNTHETIC demo: test row,Test partner,true\n");
        var first = await PostCsvAsync(api, lead, csv.ToString());
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(7, first.Json.GetProperty("accepted").GetInt64());
        Assert.Equal(0, (await PostCsvAsync(api, lead, csv.ToString())).Json.GetProperty("accepted").GetInt64());
        Assert.Equal(7L, await db.ScalarAsync<long>("SELECT count(*) FROM risk.tension_reports WHERE synthetic AND area_code IN ('W09000001', 'W09000002')"));

        var list = await SendAsync(api, HttpMethod.Get, "/api/v1/tension-reports?from=2023-06-01&to=2023-06-30", lead, null);
        Assert.All(list.Json.GetProperty("reports").EnumerateArray().Where(r => r.GetProperty("synthetic").GetBoolean()),
            r => Assert.Contains("SYNTHETIC", r.GetProperty("label").GetString(), StringComparison.Ordinal));

        var bad = await PostCsvAsync(api, lead, "date,tier,level,theme,area_code,lon,lat,summary,partner,synthetic\n2023-06-01,potential,9,protest,W09000001,,,x,y,true\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.Status);
        var e = bad.Json.GetProperty("errors")[0];
        Assert.Equal(2, e.GetProperty("line").GetInt64());
        Assert.Equal("level", e.GetProperty("field").GetString());

        var index = await SendAsync(api, HttpMethod.Get, "/api/v1/risk/tension-index?as_of=2023-06-30", null, null);
        var areas = index.Json.GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("area_code").GetString()!);
        Assert.Equal(6, areas["W09000001"].GetProperty("reports").GetInt32());
        // Oracle: level 4 × 0.75 × 2^(-age/28) for ages 29..24 days.
        var expected = Enumerable.Range(1, 6).Sum(d => 4 * 0.75 * Math.Pow(2, -(30.0 - d) / 28));
        Assert.Equal(expected, areas["W09000001"].GetProperty("index").GetDouble(), 1e-9);
        Assert.Equal(JsonValueKind.Null, areas["W09000002"].GetProperty("index").ValueKind);
        Assert.Equal("fewer than 5", areas["W09000002"].GetProperty("reports_text").GetString());
        Assert.Contains("SYNTHETIC", areas["W09000001"].GetProperty("label").GetString(), StringComparison.Ordinal);
    }

    private Task<string> TokenAsync(string name, Role role) => new ApiUserStore(db.DataSource).CreateAsync(name, role, CancellationToken.None);

    private static async Task<(HttpStatusCode Status, string? MediaType, JsonElement Json)> PostCsvAsync(RunningApi api, string token, string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/tension-reports") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await ReadAsync(await api.Client.SendAsync(request));
    }

    private static async Task<(HttpStatusCode Status, string? MediaType, JsonElement Json)> SendAsync(RunningApi api, HttpMethod method, string url, string? token, object? body)
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

        return await ReadAsync(await api.Client.SendAsync(request));
    }

    private static async Task<(HttpStatusCode, string?, JsonElement)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, doc.RootElement.Clone());
    }
}
