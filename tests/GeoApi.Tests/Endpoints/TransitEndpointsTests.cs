using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CohesionGeo.GeoApi.Tests.Transit;
using CohesionGeo.GeoApi.Transit;
using CohesionGeo.TestSupport;
using static CohesionGeo.GeoApi.Tests.Transit.SyntheticGtfs;

namespace CohesionGeo.GeoApi.Tests.Endpoints;

/// <summary>
/// mode "transit" of /api/v1/travel-times, /api/v1/transit/feeds and /api/v1/transit/way-home on a
/// SYNTHETIC feed (trips S1 08:00, 08:01, 08:02 → S2 twenty minutes later, weekdays of 2024). No
/// street network is loaded here, so walks are straight line × 1.3 (the API says so).
/// </summary>
public class TransitEndpointsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private async Task<RunningApi> StartAsync()
    {
        await GtfsFileImport.ImportAsync(db.DataSource, Write("synthetic-api", 3), true, null, default);
        return await RunningApi.StartAsync(db.ConnectionString);
    }

    private static object Body(string? departure = "2024-03-05T08:00", int window = 1, int? percentile = null) => new
    {
        origins = new[] { new { lon = S1Lon, lat = S1Lat } },
        destinations = new[] { new { lon = S2Lon, lat = S2Lat } },
        mode = "transit",
        departure,
        window_minutes = window,
        percentile,
    };

    [Fact]
    public async Task Transit_travel_time_is_the_next_catchable_trip()
    {
        await using var api = await StartAsync();

        var response = await api.Client.PostAsJsonAsync("/api/v1/travel-times", Body());
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        // Leaving S1 at 08:00 with 60 s board slack: the 08:01 trip, arriving 08:21.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(21 * 60, json.GetProperty("seconds")[0][0].GetInt32());
        Assert.Equal("2024-03-05", json.GetProperty("date").GetString());
        Assert.Contains("approximation", json.GetProperty("walk_method").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_window_gives_percentiles_over_its_minutes()
    {
        await using var api = await StartAsync();

        // Leaving 08:00 and 08:01 (60 s board slack): the 08:01 and 08:02 trips, 21 min each; at 08:02 no trip is left: walking (~3.4 km).
        var p5 = await SecondsAsync(api, Body(window: 3, percentile: 5));
        var p50 = await SecondsAsync(api, Body(window: 3, percentile: 50));
        var p95 = await SecondsAsync(api, Body(window: 3, percentile: 95));

        Assert.Equal(21 * 60, p5);
        Assert.Equal(21 * 60, p50);
        Assert.True(p95 > p50);

        // The standard percentiles come with every answer, and agree with asking for each one.
        var response = await api.Client.PostAsJsonAsync("/api/v1/travel-times", Body(window: 3));
        var all = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("percentiles");
        Assert.Equal(p5, all.GetProperty("p5")[0][0].GetInt32());
        Assert.Equal(p50, all.GetProperty("p50")[0][0].GetInt32());
        Assert.Equal(p95, all.GetProperty("p95")[0][0].GetInt32());
        Assert.True(all.GetProperty("p25")[0][0].GetInt32() <= all.GetProperty("p75")[0][0].GetInt32());
    }

    [Fact]
    public async Task A_date_without_service_is_refused_naming_the_dates_that_have_it()
    {
        await using var api = await StartAsync();

        var response = await api.Client.PostAsJsonAsync("/api/v1/travel-times", Body(departure: "2024-03-09T08:00"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("No service on 2024-03-09", text, StringComparison.Ordinal);
        Assert.Contains("2024-03-04 to 2024-03-08", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tomorrow", 1, 50, "departure")]
    [InlineData("2024-03-05T08:00", 0, 50, "window_minutes")]
    [InlineData("2024-03-05T08:00", 60, 100, "percentile")]
    public async Task Bad_fields_are_named(string departure, int window, int percentile, string field)
    {
        await using var api = await StartAsync();

        var response = await api.Client.PostAsJsonAsync("/api/v1/travel-times", Body(departure, window, percentile));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(json.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Feeds_lists_the_feed_and_a_default_tuesday()
    {
        await using var api = await StartAsync();

        var json = await api.Client.GetFromJsonAsync<JsonElement>("/api/v1/transit/feeds");

        var feed = json.GetProperty("feeds").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "synthetic-api");
        Assert.Equal(3, feed.GetProperty("trips").GetInt64());
        Assert.Equal(DayOfWeek.Tuesday, DateOnly.Parse(json.GetProperty("default_date").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayOfWeek);
    }

    [Fact]
    public async Task Way_home_with_no_evening_bus_falls_back_to_walking_and_compares_with_the_outbound()
    {
        await using var api = await StartAsync();

        var response = await api.Client.PostAsJsonAsync("/api/v1/transit/way-home", new
        {
            site = new { lon = S1Lon, lat = S1Lat },
            services = new[] { new { lon = S2Lon, lat = S2Lat } },
            departure = "2024-03-05T08:00",
            window_minutes = 1,
        });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var r = json.GetProperty("services")[0];
        var walk = (int)Math.Ceiling(new GeoEngine.Transit.LonLat(S2Lon, S2Lat).DistanceM(new GeoEngine.Transit.LonLat(S1Lon, S1Lat)) * 1.3 / (4.8 / 3.6));
        Assert.Equal(21 * 60, r.GetProperty("outbound_seconds").GetInt32());
        Assert.Equal(walk, r.GetProperty("return_seconds").GetInt32());
        Assert.Equal(walk > 2 * 21 * 60, r.GetProperty("flagged").GetBoolean());
    }

    private static async Task<int> SecondsAsync(RunningApi api, object body)
    {
        var response = await api.Client.PostAsJsonAsync("/api/v1/travel-times", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("seconds")[0][0].GetInt32();
    }
}
