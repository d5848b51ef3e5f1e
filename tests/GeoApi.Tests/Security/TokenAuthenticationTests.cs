using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Security;

public class TokenAuthenticationTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task No_token_is_the_anonymous_viewer_and_a_token_names_its_user_and_role()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var anonymous = await MeAsync(api, token: null);
        Assert.Equal("viewer", anonymous.GetProperty("role").GetString());
        Assert.True(anonymous.GetProperty("anonymous").GetBoolean());

        var token = await new ApiUserStore(db.DataSource).CreateAsync("dco-gwent", Role.Doco, CancellationToken.None);
        var signedIn = await MeAsync(api, token);
        Assert.Equal("dco-gwent", signedIn.GetProperty("name").GetString());
        Assert.Equal("doco", signedIn.GetProperty("role").GetString());

        var stored = await db.ScalarAsync<byte[]>("SELECT token_sha256 FROM meta.api_users WHERE name = 'dco-gwent'");
        Assert.Equal(32, stored.Length);
        Assert.DoesNotContain(token, System.Text.Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer not-a-real-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task A_wrong_token_is_refused_not_downgraded_to_anonymous(string header)
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        var response = await api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Audit_events_record_who_did_what()
    {
        var audit = new AuditLog(db.DataSource);
        await audit.WriteAsync(new Caller("planner-1", Role.Planner), "read", "sites/7", new { reason = "test" }, CancellationToken.None);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE actor = 'planner-1' AND role = 'planner' AND resource = 'sites/7' AND detail->>'reason' = 'test'"));
    }

    private static async Task<JsonElement> MeAsync(RunningApi api, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await api.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }
}
