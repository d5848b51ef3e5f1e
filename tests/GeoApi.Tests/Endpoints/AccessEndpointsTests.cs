using System.Net;
using System.Text.Json;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Endpoints;

public sealed class AccessEndpointsTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Ranks_areas_with_the_figures_behind_each_rank()
    {
        // Synthetic areas and stored figures. SYNA: GP 10 min, day centre 90 min, youth club unreachable
        // → 100 × (10/60 + 1 + 1) / 3 = 72.22. SYNB: every service 5 min → 8.33.
        await using (var cmd = db.DataSource.CreateCommand(
            """
            INSERT INTO places.areas (code, kind, name, ruc, wimd_rank, geom) VALUES
              ('SYNA', 'lsoa', 'Synthetic A', 'Urban city and town', 12, ST_Multi(ST_MakeEnvelope(0, 0, 10, 10, 27700))),
              ('SYNB', 'lsoa', 'Synthetic B', 'Rural village', 1500, ST_Multi(ST_MakeEnvelope(20, 0, 30, 10, 27700)));
            INSERT INTO access.area_stats (kind, mode, area_code, dwellings, reachable, mean_s, median_s, p90_s, share_over_15, share_over_30) VALUES
              ('gp', 'walk', 'SYNA', 40, 40, 600, 600, 900, 0, 0),
              ('day_centre', 'walk', 'SYNA', 40, 40, 5400, 5400, 6000, 1, 1),
              ('youth_club', 'walk', 'SYNA', 40, 0, NULL, NULL, NULL, 1, 1),
              ('gp', 'walk', 'SYNB', 20, 20, 300, 300, 300, 0, 0),
              ('day_centre', 'walk', 'SYNB', 20, 20, 300, 300, 300, 0, 0),
              ('youth_club', 'walk', 'SYNB', 20, 20, 300, 300, 300, 0, 0),
              ('youth_club', 'drive', 'SYNB', 20, 20, 60, 60, 60, 0, 0);
            """))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        await using var api = await RunningApi.StartAsync(db.ConnectionString);
        var response = await api.Client.GetAsync(new Uri("/api/v1/isolation?level=lsoa", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var ranking = doc.RootElement.GetProperty("ranking");
        Assert.Equal(2, ranking.GetArrayLength());
        var first = ranking[0];
        Assert.Equal("SYNA", first.GetProperty("code").GetString());
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        Assert.Equal(72.22, first.GetProperty("index").GetDouble(), 2);
        Assert.Equal("Urban city and town", first.GetProperty("ruc").GetString());
        Assert.Equal(10, first.GetProperty("services")[0].GetProperty("minutes").GetDouble(), 3);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("services")[2].GetProperty("minutes").ValueKind);
        Assert.Equal(8.33, ranking[1].GetProperty("index").GetDouble(), 2); // driving is not part of the index

        // bbox (for the map to zoom to): the area's extent in WGS84, as PostGIS gives it.
        foreach (var row in ranking.EnumerateArray())
        {
            var code = row.GetProperty("code").GetString();
            var box = row.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var expected = new[] { "ST_XMin", "ST_YMin", "ST_XMax", "ST_YMax" };
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(await db.ScalarAsync<double>($"SELECT {expected[i]}(ST_Transform(geom, 4326)) FROM places.areas WHERE code = '{code}'"), box[i], 6);
            }
        }

        var filtered = await api.Client.GetAsync(new Uri("/api/v1/isolation?level=lsoa&min_dwellings=30", UriKind.Relative));
        using (var f = JsonDocument.Parse(await filtered.Content.ReadAsStringAsync()))
        {
            Assert.Equal(1, f.RootElement.GetProperty("ranking").GetArrayLength()); // SYNB has 20 dwellings
            Assert.Equal(1, f.RootElement.GetProperty("left_out").GetInt32());
        }

        var areas = await api.Client.GetAsync(new Uri("/api/v1/access/areas?kind=gp&mode=walk&level=lsoa", UriKind.Relative));
        using (var a = JsonDocument.Parse(await areas.Content.ReadAsStringAsync()))
        {
            var synA = a.RootElement.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "SYNA");
            Assert.Equal(10, synA.GetProperty("median_minutes").GetDouble(), 3);
            Assert.Equal(15, synA.GetProperty("p90_minutes").GetDouble(), 3);
            Assert.Equal(40, synA.GetProperty("dwellings").GetInt32());
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await api.Client.GetAsync(new Uri("/api/v1/access/areas?kind=cinema", UriKind.Relative))).StatusCode);

        var bad = await api.Client.GetAsync(new Uri("/api/v1/isolation?level=msoa", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("level", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
