using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Endpoints;

/// <summary>The API's in-memory graph: 503 before any network, then loaded lazily, then reloaded after a new import.</summary>
public class RoutingNetworkReloadTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_graph_is_loaded_on_first_use_and_reloaded_after_a_new_import()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var (a, b) = (BritishNationalGrid.ToWgs84(331000, 188000), BritishNationalGrid.ToWgs84(331100, 188000));
        var request = new { origins = new[] { new { lon = a.Lon, lat = a.Lat } }, destinations = new[] { new { lon = b.Lon, lat = b.Lat } }, mode = "walk" };

        var none = await api.Client.PostAsJsonAsync(new Uri("/api/v1/travel-times", UriKind.Relative), request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, none.StatusCode);
        Assert.Contains("import osm", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Synthetic one-edge networks (labelled so): 100 m costing 75 s to walk, then the same edge at 150 s.
        await NetworkWriter.ReplaceAsync(db.DataSource, Straight(75), "synthetic-reload-1", "synthetic-1");
        Assert.Equal(75, await SecondsAsync(api, request), 0.1);
        await NetworkWriter.ReplaceAsync(db.DataSource, Straight(150), "synthetic-reload-2", "synthetic-2");
        Assert.Equal(150, await SecondsAsync(api, request), 0.1);
    }

    private static RoadNetwork Straight(double walkSeconds)
    {
        var nodes = new[] { new NetworkNode(0, 331000, 188000), new NetworkNode(0, 331100, 188000) };
        var line = BritishNationalGrid.Factory.CreateLineString([new(331000, 188000), new(331100, 188000)]);
        return new RoadNetwork(nodes, [new NetworkEdge { Source = 0, Target = 1, LengthMetres = 100, Seconds = [walkSeconds, -1, -1], ReverseSeconds = [walkSeconds, -1, -1], Geometry = line }]);
    }

    private static async Task<double> SecondsAsync(RunningApi api, object request)
    {
        var response = await api.Client.PostAsJsonAsync(new Uri("/api/v1/travel-times", UriKind.Relative), request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.GetProperty("seconds")[0][0].GetDouble();
    }
}
