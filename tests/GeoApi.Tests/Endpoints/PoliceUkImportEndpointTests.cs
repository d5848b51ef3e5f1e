using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Endpoints;

public class PoliceUkImportEndpointTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";
    private const string Row = ",2020-05,Test Police,Test Police,-2.99,51.58,On or near Test Street,W01001629,Newport 017A,Anti-social behaviour,,";

    [Fact]
    public async Task Import_answers_counts_then_nothing_new_the_second_time_and_is_audited()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var token = await new ApiUserStore(db.DataSource).CreateAsync("lead-1", Role.CohesionLead, CancellationToken.None);
        var body = string.Join("\n", Header, Row, Row, Row.Replace("2020-05,", "2020-05,", StringComparison.Ordinal).Replace("-2.99", "", StringComparison.Ordinal).Replace("51.58", "", StringComparison.Ordinal)) + "\n";

        var first = await PostAsync(api, token, body);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(3, first.Json.GetProperty("accepted").GetInt64());
        Assert.Equal(0, first.Json.GetProperty("rejected").GetInt64());
        Assert.Equal(1, first.Json.GetProperty("without_location").GetInt64());
        Assert.Equal(0, first.Json.GetProperty("errors").GetArrayLength());

        var second = await PostAsync(api, token, body);
        Assert.Equal(0, second.Json.GetProperty("accepted").GetInt64());
        Assert.Equal(3, second.Json.GetProperty("already_present").GetInt64());
        Assert.Equal(3L, await db.ScalarAsync<long>("SELECT count(*) FROM risk.incidents WHERE month = '2020-05-01'"));
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE actor = 'lead-1' AND action = 'import' AND resource = 'incidents/police-uk'"));
    }

    [Fact]
    public async Task A_bad_file_is_a_422_problem_with_line_and_field()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var token = await new ApiUserStore(db.DataSource).CreateAsync("doco-1", Role.Doco, CancellationToken.None);
        var body = string.Join("\n", Header, Row.Replace("2020-05", "2020-5", StringComparison.Ordinal), Row.Replace("-2.99", "abc", StringComparison.Ordinal));

        var answer = await PostAsync(api, token, body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(0, answer.Json.GetProperty("accepted").GetInt64());
        Assert.Equal(2, answer.Json.GetProperty("rejected").GetInt64());
        var errors = answer.Json.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt64(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(2L, "Month"), (3L, "Longitude")], errors);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM risk.incidents WHERE lsoa_name = 'Newport 017A' AND month < '2020-05-01'"));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Role.Viewer, HttpStatusCode.Forbidden)]
    [InlineData(Role.Planner, HttpStatusCode.Forbidden)]
    public async Task Viewers_and_planners_may_not_import(Role? role, HttpStatusCode expected)
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var token = role is { } r ? await new ApiUserStore(db.DataSource).CreateAsync("u-" + r, r, CancellationToken.None) : null;
        var answer = await PostAsync(api, token, Header + "\n" + Row);
        Assert.Equal(expected, answer.Status);
    }

    private static async Task<(HttpStatusCode Status, string? MediaType, JsonElement Json)> PostAsync(RunningApi api, string? token, string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/police-uk") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await api.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, doc.RootElement.Clone());
    }
}
