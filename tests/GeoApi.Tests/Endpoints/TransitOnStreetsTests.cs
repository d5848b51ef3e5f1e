using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CohesionGeo.GeoApi.Tests.Routing;
using CohesionGeo.GeoApi.Transit;
using CohesionGeo.TestSupport;
using static CohesionGeo.GeoApi.Tests.Transit.SyntheticGtfs;

namespace CohesionGeo.GeoApi.Tests.Endpoints;

/// <summary>
/// Transit over the real Newport street network (walk legs by Dijkstra) with the SYNTHETIC two-stop
/// feed (trips S1 08:00/08:01/08:02 → S2 twenty minutes later); oracles: the walk mode of the same API.
/// </summary>
public class TransitOnStreetsTests(NewportDatabase newport) : IClassFixture<NewportDatabase>
{
    private async Task<RunningApi> StartAsync()
    {
        await GtfsFileImport.ImportAsync(newport.Db.DataSource, Write("synthetic-streets", 3), true, null, default);
        return await RunningApi.StartAsync(newport.Db.ConnectionString);
    }

    [Fact]
    public async Task Transit_walks_on_the_streets_and_beats_walking_when_the_bus_helps()
    {
        await using var api = await StartAsync();
        var points = new
        {
            origins = new[] { new { lon = S1Lon, lat = S1Lat } },
            destinations = new[] { new { lon = S2Lon, lat = S2Lat } },
        };

        var transit = await PostAsync(api, "/api/v1/travel-times", new { points.origins, points.destinations, mode = "transit", departure = "2024-03-05T08:00", window_minutes = 1 });
        var walk = await PostAsync(api, "/api/v1/travel-times", new { points.origins, points.destinations, mode = "walk" });

        var seconds = transit.GetProperty("seconds")[0][0].GetInt32();
        Assert.StartsWith("street network", transit.GetProperty("walk_method").GetString(), StringComparison.Ordinal);
        Assert.InRange(seconds, 20 * 60, 25 * 60); // a 20-minute ride, plus the short walks to and from the stops
        Assert.True(seconds < walk.GetProperty("seconds")[0][0].GetDouble());
    }

    private static async Task<JsonElement> PostAsync(RunningApi api, string path, object body)
    {
        var response = await api.Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
