using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CohesionGeo.GeoApi.Tests.Routing;
using CohesionGeo.GeoApi.Transit;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Endpoints;

/// <summary>
/// <c>POST /api/v1/isochrones</c> with <c>mode: "transit"</c> on the real Newport street network and the
/// real 2024 Newport bus and rail feeds; oracle: the walk isochrone of the same API from the same point.
/// </summary>
public class TransitIsochroneEndpointTests(NewportDatabase newport) : IClassFixture<NewportDatabase>
{
    private async Task<RunningApi> StartAsync()
    {
        foreach (var feed in new[] { "gtfs/newport-bus-2024.zip", "gtfs/newport-rail-2024.zip" })
        {
            await GtfsFileImport.ImportAsync(newport.Db.DataSource, DataFiles.Find(feed), true, null, default);
        }

        return await RunningApi.StartAsync(newport.Db.ConnectionString);
    }

    [Fact]
    public async Task Thirty_minutes_by_bus_and_rail_cover_more_than_thirty_minutes_on_foot()
    {
        await using var api = await StartAsync();

        var transit = await PostAsync(api, new { lon = -2.9977, lat = 51.5886, mode = "transit", minutes = new[] { 15, 30 }, departure = "2024-03-05T08:00" });
        var walk = await PostAsync(api, new { lon = -2.9977, lat = 51.5886, mode = "walk", minutes = new[] { 15, 30 } });

        var t = transit.GetProperty("features");
        var w = walk.GetProperty("features");
        Assert.Equal(2, t.GetArrayLength());
        Assert.Equal("transit", t[1].GetProperty("properties").GetProperty("mode").GetString());
        Assert.Equal("2024-03-05", transit.GetProperty("date").GetString());
        Assert.Equal(50, transit.GetProperty("percentile").GetInt32());
        Assert.True(transit.GetProperty("stops_reached").GetInt32() > 10);
        var transit30 = t[1].GetProperty("properties").GetProperty("area_m2").GetDouble();
        var walk30 = w[1].GetProperty("properties").GetProperty("area_m2").GetDouble();
        Assert.True(transit30 > walk30, $"transit 30 min {transit30:N0} m² should exceed walk 30 min {walk30:N0} m²");
        Assert.True(t[0].GetProperty("properties").GetProperty("area_m2").GetDouble() >= w[0].GetProperty("properties").GetProperty("area_m2").GetDouble() * 0.999);
        Assert.True(t[1].GetProperty("properties").GetProperty("area_m2").GetDouble() > t[0].GetProperty("properties").GetProperty("area_m2").GetDouble());
    }

    [Fact]
    public async Task Bad_transit_fields_are_named()
    {
        await using var api = await StartAsync();

        var response = await api.Client.PostAsJsonAsync("/api/v1/isochrones", new { lon = -2.9977, lat = 51.5886, mode = "transit", percentile = 120, minutes = new[] { 0 } });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("percentile", out _));
        Assert.True(body.GetProperty("errors").TryGetProperty("minutes[0]", out _));
    }

    private static async Task<JsonElement> PostAsync(RunningApi api, object body)
    {
        var response = await api.Client.PostAsJsonAsync("/api/v1/isochrones", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
