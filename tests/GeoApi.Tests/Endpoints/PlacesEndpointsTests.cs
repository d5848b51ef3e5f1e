using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CohesionGeo.GeoApi.Access;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CohesionGeo.GeoApi.Tests.Endpoints;

public sealed class PlacesEndpointsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    // Synthetic facilities in central Newport (labelled synthetic in their names).
    private const string Good =
        "id,kind,name,name_cy,capacity,opening_hours,lon,lat,postcode\n" +
        "yc-1,youth_club,Synthetic Pill Youth Club,Clwb Ieuenctid Pill,40,Mo-Fr 16:00-21:00,-2.9889,51.5742,\n" +
        "dc-1,day_centre,Synthetic Day Centre,,25,,,,NP20 4EJ\n";

    private const string Bad =
        "id,kind,name,capacity,lon,lat,postcode\n" +
        "b-1,youth_club,Synthetic Ok Club,,-2.99,51.58,\n" +
        "b-2,cinema,Synthetic Cinema,,-2.99,51.58,\n" +
        "b-3,gp,Synthetic Nowhere Surgery,,,,\n" +
        "b-4,gp,Synthetic Lost Surgery,,,,NP99 9ZZ\n" +
        "b-5,gp,Synthetic Big Surgery,lots,-2.99,51.58,\n" +
        "b-1,library,Synthetic Again,,-2.99,51.58,\n";

    [Fact]
    public async Task A_file_with_bad_rows_writes_nothing_and_names_every_line_and_field()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var token = await new ApiUserStore(db.DataSource).CreateAsync("planner-bad", Role.Planner, CancellationToken.None);
        var before = await db.ScalarAsync<long>("SELECT count(*) FROM places.facility_sources");

        var response = await PostAsync(api, token, Bad, skipInvalid: false);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(3, "kind"), (4, "lon"), (5, "postcode"), (6, "capacity"), (7, "id")], errors);
        Assert.Equal(before, await db.ScalarAsync<long>("SELECT count(*) FROM places.facility_sources"));

        var skipped = await PostAsync(api, token, Bad, skipInvalid: true);
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        using var ok = JsonDocument.Parse(await skipped.Content.ReadAsStringAsync());
        Assert.Equal(1, ok.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(5, ok.RootElement.GetProperty("rejected").GetInt32());
        Assert.Equal(5, ok.RootElement.GetProperty("errors").GetArrayLength());
        Assert.Equal(before + 1, await db.ScalarAsync<long>("SELECT count(*) FROM places.facility_sources"));
        await AccessRecomputer.For(api.Services.GetRequiredService<NpgsqlDataSource>()).WhenIdleAsync();
    }

    [Fact]
    public async Task Importing_the_same_file_twice_adds_nothing_and_viewers_may_not_import()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var token = await new ApiUserStore(db.DataSource).CreateAsync("planner-good", Role.Planner, CancellationToken.None);

        using var first = JsonDocument.Parse(await (await PostAsync(api, token, Good, false)).Content.ReadAsStringAsync());
        Assert.Equal(2, first.RootElement.GetProperty("facilities_added").GetInt32());
        Assert.True(first.RootElement.GetProperty("access_recompute_scheduled").GetBoolean());
        // Stale kinds (here every kind: none was computed before) are recomputed in the background.
        await AccessRecomputer.For(api.Services.GetRequiredService<NpgsqlDataSource>()).WhenIdleAsync();
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM access.runs WHERE kind IN ('youth_club', 'day_centre')") >= 6);
        using var second = JsonDocument.Parse(await (await PostAsync(api, token, Good, false)).Content.ReadAsStringAsync());
        Assert.Equal(0, second.RootElement.GetProperty("facilities_added").GetInt32());
        Assert.Equal(0, second.RootElement.GetProperty("sources_added").GetInt32());
        Assert.False(second.RootElement.GetProperty("access_recompute_scheduled").GetBoolean());
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM places.facilities WHERE name = 'Synthetic Pill Youth Club' AND name_cy = 'Clwb Ieuenctid Pill' AND capacity = 40"));
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM audit.events WHERE action = 'import' AND resource = 'facilities' AND actor = 'planner-good'") >= 2);

        var anonymous = await PostAsync(api, null, Good, false);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var viewer = await new ApiUserStore(db.DataSource).CreateAsync("viewer-1", Role.Viewer, CancellationToken.None);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(api, viewer, Good, false)).StatusCode);

        var list = await api.Client.GetAsync(new Uri("/api/v1/facilities?kind=youth_club", UriKind.Relative));
        using var listed = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var club = listed.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Synthetic Pill Youth Club");
        Assert.Equal(-2.9889, club.GetProperty("lon").GetDouble(), 3);
        Assert.Equal(51.5742, club.GetProperty("lat").GetDouble(), 3);
        Assert.Equal("user", club.GetProperty("sources")[0].GetProperty("source").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Client.GetAsync(new Uri("/api/v1/facilities?kind=cinema", UriKind.Relative))).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(RunningApi api, string? token, string csv, bool skipInvalid)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/imports/facilities?skip_invalid={(skipInvalid ? "true" : "false")}")
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await api.Client.SendAsync(request);
    }
}
