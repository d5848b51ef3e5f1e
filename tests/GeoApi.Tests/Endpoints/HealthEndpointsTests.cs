using System.Net;
using System.Text.Json;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Endpoints;

public class HealthEndpointsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Health_reports_versions_and_counts_what_is_loaded()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var before = await GetJsonAsync(api, "/health");
        Assert.Equal("ok", before.GetProperty("status").GetString());
        Assert.True(before.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.StartsWith("3.", before.GetProperty("database").GetProperty("postgis").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("3.", before.GetProperty("database").GetProperty("pgrouting").GetString(), StringComparison.Ordinal);
        var facilitiesBefore = before.GetProperty("data").GetProperty("facilities").GetInt64();

        await using (var cmd = db.DataSource.CreateCommand(
            "INSERT INTO places.facilities (kind, name, source, source_ref, geom) VALUES ('gp', 'Test surgery', 'test', 'health-1', ST_SetSRID(ST_MakePoint(331000, 188000), 27700))"))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        var after = await GetJsonAsync(api, "/health");
        Assert.Equal(facilitiesBefore + 1, after.GetProperty("data").GetProperty("facilities").GetInt64());
        Assert.Equal(0, after.GetProperty("network").GetProperty("edges").GetInt64());
    }

    [Fact]
    public async Task Health_says_unavailable_with_503_when_the_database_is_gone()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var deadPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var api = await RunningApi.StartAsync($"Host=127.0.0.1;Port={deadPort};Database=x;Username=x;Password=x;Timeout=2");
        var response = await api.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unavailable", doc.RootElement.GetProperty("status").GetString());
        Assert.False(doc.RootElement.GetProperty("database").GetProperty("reachable").GetBoolean());
    }

    [Fact]
    public async Task OpenApi_document_describes_health_and_unknown_paths_get_problem_json()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var openApi = await GetJsonAsync(api, "/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/health", out _));

        var missing = await api.Client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<JsonElement> GetJsonAsync(RunningApi api, string path)
    {
        var response = await api.Client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }
}
