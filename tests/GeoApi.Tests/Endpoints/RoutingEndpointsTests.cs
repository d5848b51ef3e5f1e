using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CohesionGeo.GeoApi.Tests.Routing;
using CohesionGeo.TestSupport;
using Npgsql;

namespace CohesionGeo.GeoApi.Tests.Endpoints;

/// <summary>The HTTP contract of travel-times and isochrones on the real Newport network, checked against pgRouting.</summary>
public class RoutingEndpointsTests(NewportDatabase newport) : IClassFixture<NewportDatabase>
{
    [Theory]
    [InlineData("walk", "cost_walk", "reverse_cost_walk")]
    [InlineData("drive", "cost_drive", "reverse_cost_drive")]
    public async Task Travel_times_between_network_nodes_equal_pgr_dijkstraCost(string mode, string cost, string reverseCost)
    {
        // Nodes the mode may use (edge columns come from the InlineData constants, not from input).
        var nodes = await NodesAsync($"SELECT n.id, ST_X(ST_Transform(n.geom, 4326)), ST_Y(ST_Transform(n.geom, 4326)) FROM network.nodes n WHERE n.id IN (SELECT source FROM network.edges WHERE {cost} >= 0 AND {reverseCost} >= 0) ORDER BY n.id");
        var random = new Random(7);
        var origins = Enumerable.Range(0, 4).Select(_ => nodes[random.Next(nodes.Count)]).ToList();
        var destinations = Enumerable.Range(0, 6).Select(_ => nodes[random.Next(nodes.Count)]).ToList();

        await using var api = await RunningApi.StartAsync(newport.Db.ConnectionString);
        var response = await api.Client.PostAsJsonAsync(new Uri("/api/v1/travel-times", UriKind.Relative), new
        {
            origins = origins.Select(o => new { lon = o.Lon, lat = o.Lat }),
            destinations = destinations.Select(d => new { lon = d.Lon, lat = d.Lat }),
            mode,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var seconds = body.RootElement.GetProperty("seconds");

        var pgr = new Dictionary<(long, long), double>();
        await using (var cmd = newport.Db.DataSource.CreateCommand(
            $"SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCost('SELECT id, source, target, {cost} AS cost, {reverseCost} AS reverse_cost FROM network.edges', $1::bigint[], $2::bigint[], true)"))
        {
            cmd.Parameters.AddWithValue(origins.Select(o => o.Id).ToArray());
            cmd.Parameters.AddWithValue(destinations.Select(d => d.Id).ToArray());
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                pgr[(reader.GetInt64(0), reader.GetInt64(1))] = reader.GetDouble(2);
            }
        }

        for (var i = 0; i < origins.Count; i++)
        {
            for (var j = 0; j < destinations.Count; j++)
            {
                var cell = seconds[i][j];
                if (origins[i].Id == destinations[j].Id)
                {
                    Assert.Equal(0, cell.GetDouble(), 0.5);
                }
                else if (pgr.TryGetValue((origins[i].Id, destinations[j].Id), out var expected))
                {
                    Assert.True(Math.Abs(cell.GetDouble() - expected) <= 0.5, $"{mode} {origins[i].Id}→{destinations[j].Id}: API {cell}, pgRouting {expected}");
                }
                else
                {
                    Assert.Equal(JsonValueKind.Null, cell.ValueKind);
                }
            }
        }
    }

    [Fact]
    public async Task Isochrones_grow_with_time_cover_what_pgRouting_reaches_and_count_dwellings()
    {
        var origin = (await NodesAsync("SELECT n.id, ST_X(ST_Transform(n.geom, 4326)), ST_Y(ST_Transform(n.geom, 4326)) FROM network.nodes n WHERE n.id IN (SELECT source FROM network.edges WHERE highway = 'residential' AND cost_walk >= 0) ORDER BY n.id LIMIT 1 OFFSET 200"))[0];
        await using var api = await RunningApi.StartAsync(newport.Db.ConnectionString);
        var first = await IsochroneAsync(api, origin, [5, 10]);
        var features = first.GetProperty("features");
        Assert.Equal(2, features.GetArrayLength());
        var area5 = features[0].GetProperty("properties").GetProperty("area_m2").GetDouble();
        var area10 = features[1].GetProperty("properties").GetProperty("area_m2").GetDouble();
        Assert.True(area5 > 10_000 && area10 > area5, $"areas {area5} then {area10}");
        Assert.Equal(JsonValueKind.Null, features[0].GetProperty("properties").GetProperty("dwellings").ValueKind);

        // Every node pgRouting reaches on foot within 4.5 minutes lies inside the 5-minute polygon.
        var polygon5 = features[0].GetProperty("geometry").GetRawText();
        var outside = await newport.Db.ScalarAsync<long>(
            $"SELECT count(*) FROM pgr_drivingDistance('SELECT id, source, target, cost_walk AS cost, reverse_cost_walk AS reverse_cost FROM network.edges', {origin.Id}, 270, true) d " +
            $"JOIN network.nodes n ON n.id = d.node WHERE NOT ST_Intersects(n.geom, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON('{polygon5}'), 4326), 27700))");
        Assert.Equal(0L, outside);

        // Nodes pgRouting needs over 8 minutes for are mostly outside it (only the 40 m band may catch a few).
        var far = await newport.Db.ScalarAsync<long>(
            $"SELECT count(*) FROM pgr_drivingDistance('SELECT id, source, target, cost_walk AS cost, reverse_cost_walk AS reverse_cost FROM network.edges', {origin.Id}, 900, true) d " +
            $"JOIN network.nodes n ON n.id = d.node WHERE d.agg_cost > 480");
        var farInside = await newport.Db.ScalarAsync<long>(
            $"SELECT count(*) FROM pgr_drivingDistance('SELECT id, source, target, cost_walk AS cost, reverse_cost_walk AS reverse_cost FROM network.edges', {origin.Id}, 900, true) d " +
            $"JOIN network.nodes n ON n.id = d.node WHERE d.agg_cost > 480 AND ST_Intersects(n.geom, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON('{polygon5}'), 4326), 27700))");
        Assert.True(far > 0 && farInside * 20 < far, $"{farInside} of {far} far nodes inside the 5-minute polygon");

        // Synthetic dwellings (labelled so): one at the origin, one 20 km away.
        await using (var cmd = newport.Db.DataSource.CreateCommand(
            "INSERT INTO places.dwellings (source, source_ref, geom) VALUES ('synthetic-test', 'at-origin', ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 27700)), ('synthetic-test', 'far', ST_SetSRID(ST_MakePoint(351000, 188000), 27700)) ON CONFLICT DO NOTHING"))
        {
            cmd.Parameters.AddWithValue(origin.Lon);
            cmd.Parameters.AddWithValue(origin.Lat);
            await cmd.ExecuteNonQueryAsync();
        }

        var second = await IsochroneAsync(api, origin, [10]);
        Assert.Equal(1, second.GetProperty("features")[0].GetProperty("properties").GetProperty("dwellings").GetInt64());
    }

    [Fact]
    public async Task Bad_requests_get_problem_json_naming_the_field()
    {
        await using var api = await RunningApi.StartAsync(newport.Db.ConnectionString);
        var ok = new { lon = -2.9975, lat = 51.5884 };

        var transit = await PostAsync(api, "/api/v1/travel-times", new { origins = new[] { ok }, destinations = new[] { ok }, mode = "transit" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, transit.Status);
        Assert.Contains("public-transport", transit.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var tooMany = await PostAsync(api, "/api/v1/travel-times", new { origins = Enumerable.Repeat(ok, 101), destinations = Enumerable.Repeat(ok, 100), mode = "walk" });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.Status);
        Assert.Contains("10,100 cells", tooMany.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var empty = await PostAsync(api, "/api/v1/travel-times", new { origins = Array.Empty<object>(), destinations = new[] { ok }, mode = "walk" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.True(empty.Body.GetProperty("errors").TryGetProperty("origins", out _));

        var range = await PostAsync(api, "/api/v1/travel-times", new { origins = new[] { new { lon = -2.99, lat = 95.0 } }, destinations = new[] { ok }, mode = "walk" });
        Assert.Equal(HttpStatusCode.BadRequest, range.Status);
        Assert.Contains("between -90 and 90", range.Body.GetProperty("errors").GetProperty("origins[0].lat")[0].GetString(), StringComparison.Ordinal);

        var nan = await PostRawAsync(api, "/api/v1/travel-times", """{"origins":[{"lon":"NaN","lat":51.5}],"destinations":[{"lon":-2.99,"lat":51.58}],"mode":"walk"}""");
        Assert.Equal(HttpStatusCode.BadRequest, nan.Status);
        Assert.Contains("not a number", nan.Body.GetProperty("errors").GetProperty("origins[0].lon")[0].GetString(), StringComparison.Ordinal);

        var broken = await PostRawAsync(api, "/api/v1/travel-times", """{"origins":[{"lon":-2.99,"lat":oops}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, broken.Status);
        Assert.Contains("line 1", broken.Body.GetProperty("errors").EnumerateObject().First().Value[0].GetString(), StringComparison.Ordinal);

        var far = await PostAsync(api, "/api/v1/travel-times", new { origins = new[] { ok }, destinations = new[] { new { lon = -9.5, lat = 55.5 } }, mode = "walk" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, far.Status);
        Assert.Contains("km from the nearest", far.Body.GetProperty("errors").GetProperty("destinations[0]")[0].GetString(), StringComparison.Ordinal);

        var mode = await PostAsync(api, "/api/v1/travel-times", new { origins = new[] { ok }, destinations = new[] { ok }, mode = "hovercraft" });
        Assert.Equal(HttpStatusCode.BadRequest, mode.Status);
        Assert.Contains("walk, cycle or drive", mode.Body.GetProperty("errors").GetProperty("mode")[0].GetString(), StringComparison.Ordinal);

        var minutes = await PostAsync(api, "/api/v1/isochrones", new { lon = ok.lon, lat = ok.lat, mode = "walk", minutes = new[] { 5, 500 } });
        Assert.Equal(HttpStatusCode.BadRequest, minutes.Status);
        Assert.True(minutes.Body.GetProperty("errors").TryGetProperty("minutes[1]", out _));
    }

    private static async Task<JsonElement> IsochroneAsync(RunningApi api, (long Id, double Lon, double Lat) origin, int[] minutes)
    {
        var response = await api.Client.PostAsJsonAsync(new Uri("/api/v1/isochrones", UriKind.Relative), new { lon = origin.Lon, lat = origin.Lat, mode = "walk", minutes });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(RunningApi api, string path, object body) =>
        await PostRawAsync(api, path, JsonSerializer.Serialize(body));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostRawAsync(RunningApi api, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await api.Client.PostAsync(new Uri(path, UriKind.Relative), content);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, doc.RootElement.Clone());
    }

    private async Task<List<(long Id, double Lon, double Lat)>> NodesAsync(string sql)
    {
        var list = new List<(long, double, double)>();
        await using var cmd = newport.Db.DataSource.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add((reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2)));
        }

        return list;
    }
}
