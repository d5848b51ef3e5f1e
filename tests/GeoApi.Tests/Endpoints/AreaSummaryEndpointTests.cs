using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Endpoints;

public class AreaSummaryEndpointTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Areas_have_monthly_counts_rates_per_1000_and_trend_and_viewers_see_small_counts_withheld()
    {
        // Test fixture (not real data): area A has 1 ASB report a month for 9 months, then 4 a month for 3;
        // area B has 3 in one month. A's population is 2,000.
        await using (var cmd = db.DataSource.CreateCommand("""
            INSERT INTO places.areas (code, kind, name, population, geom)
            VALUES ('W01900001', 'lsoa', 'Test A', 2000, ST_Multi(ST_MakeEnvelope(330000, 187000, 331000, 188000, 27700)));
            INSERT INTO risk.incidents (row_key, month, category, lsoa_code, lsoa_name)
            SELECT 'a-' || m || '-' || k, (DATE '2022-07-01' + make_interval(months => m))::date, 'Anti-social behaviour', 'W01900001', 'Test A'
            FROM generate_series(0, 11) m, generate_series(1, 4) k WHERE k = 1 OR m >= 9;
            INSERT INTO risk.incidents (row_key, month, category, lsoa_code, lsoa_name)
            SELECT 'b-' || k, DATE '2023-01-01', 'Anti-social behaviour', 'W01900002', 'Test B' FROM generate_series(1, 3) k;
            INSERT INTO risk.incidents (row_key, month, category, lsoa_code, lsoa_name)
            VALUES ('c-1', DATE '2023-01-01', 'Burglary', 'W01900001', 'Test A');
            """))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var token = await new ApiUserStore(db.DataSource).CreateAsync("planner-a", Role.Planner, CancellationToken.None);

        var planner = await GetAsync(api, "/api/v1/risk/areas?source=asb&from=2022-07&to=2023-06", token);
        Assert.Equal(12, planner.GetProperty("months").GetArrayLength());
        var areas = planner.GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("code").GetString()!);
        var a = areas["W01900001"];
        Assert.Equal(9 + 12, a.GetProperty("total").GetInt64());
        Assert.Equal(21 * 1000.0 / 2000, a.GetProperty("rate_per_1000").GetDouble(), 1e-12);
        Assert.Equal(4.0 / 1.0, a.GetProperty("trend_ratio").GetDouble(), 1e-12);
        Assert.Equal([1L, 1, 1, 1, 1, 1, 1, 1, 1, 4, 4, 4], a.GetProperty("monthly").EnumerateArray().Select(v => v.GetInt64()));
        Assert.Equal(3, areas["W01900002"].GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.Null, areas["W01900002"].GetProperty("rate_per_1000").ValueKind);

        var viewer = await GetAsync(api, "/api/v1/risk/areas?source=asb&from=2022-07&to=2023-06", null);
        var v = viewer.GetProperty("areas").EnumerateArray().ToDictionary(x => x.GetProperty("code").GetString()!);
        Assert.Equal(JsonValueKind.Null, v["W01900002"].GetProperty("total").ValueKind);
        Assert.Equal("fewer than 5", v["W01900002"].GetProperty("total_text").GetString());
        Assert.Equal(21, v["W01900001"].GetProperty("total").GetInt64());
        Assert.All(v["W01900001"].GetProperty("monthly").EnumerateArray().Take(9), m => Assert.Equal(JsonValueKind.Null, m.ValueKind));
        // The sums behind the ratio (12 recent, 9 baseline) are not small, so the ratio is shown; B's is withheld.
        Assert.Equal(4.0, v["W01900001"].GetProperty("trend_ratio").GetDouble(), 1e-12);
        Assert.Equal(JsonValueKind.Null, v["W01900002"].GetProperty("trend_ratio").ValueKind);
    }

    private static async Task<JsonElement> GetAsync(RunningApi api, string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }
}
