using CohesionGeo.GeoApi.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CohesionGeo.TestSupport;

/// <summary>The real API on Kestrel, on a free loopback port, against a test database.</summary>
public sealed class RunningApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningApi(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<RunningApi> StartAsync(string connectionString, bool withMap = false)
    {
        var webRoot = withMap ? Path.Combine(CohesionGeoOptions.FindHome(), "src", "web-map", "dist") : null;
        var app = ApiHost.Build(new ApiSettings(connectionString, 0, webRoot, EmbeddedDatabase: false));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningApi(app, new Uri(address));
    }

    /// <summary>POSTs <paramref name="body"/> as JSON (with a bearer token when given); the status and the JSON answer (<c>{}</c> when empty).</summary>
    public async Task<(System.Net.HttpStatusCode Status, System.Text.Json.JsonElement Json)> PostJsonAsync(string url, string? token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = System.Text.Json.JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return (response.StatusCode, doc.RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
