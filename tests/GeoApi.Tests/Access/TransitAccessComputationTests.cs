using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using CohesionGeo.GeoApi.Access;
using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoApi.Tests.Routing;
using CohesionGeo.GeoApi.Transit;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Transit;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Access;

/// <summary>
/// Transit rows of <c>access.*</c> and the isolation index on the real Newport street network with a
/// SYNTHETIC feed (S1, Newport city centre → S2, 2.3 km east, every 5 minutes 07:00–11:00, a 10-minute
/// ride) and SYNTHETIC dwellings and services: a home at S1, a GP, day centre and youth club at S2, and
/// a neighbour of the services. Oracles: the stored walk rows and the transit router's own travel time.
/// </summary>
public sealed class TransitAccessComputationTests(NewportDatabase newport) : IClassFixture<NewportDatabase>
{
    private const double S1Lon = -2.9977, S1Lat = 51.5886, S2Lon = -2.964411, S2Lat = 51.588383;
    private static readonly string[] Kinds = ["gp", "day_centre", "youth_club"];

    private static string FrequentFeed()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cg-gtfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "synthetic-frequent.zip");
        var files = new Dictionary<string, string>
        {
            ["agency.txt"] = "agency_id,agency_name,agency_url,agency_timezone\nA,Synthetic,http://example.invalid,Europe/London\n",
            ["stops.txt"] = string.Create(CultureInfo.InvariantCulture, $"stop_id,stop_name,stop_lat,stop_lon\nS1,One,{S1Lat},{S1Lon}\nS2,Two,{S2Lat},{S2Lon}\n"),
            ["routes.txt"] = "route_id,agency_id,route_short_name,route_long_name,route_type\nR1,A,1,,3\n",
            ["calendar.txt"] = "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWD,1,1,1,1,1,0,0,20240101,20241231\n",
            ["trips.txt"] = "route_id,service_id,trip_id\nR1,WD,T1\n",
            ["stop_times.txt"] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,07:00:00,07:00:00,S1,1\nT1,07:10:00,07:10:00,S2,2\n",
            ["frequencies.txt"] = "trip_id,start_time,end_time,headway_secs\nT1,07:00:00,11:00:00,300\n",
        };
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, text) in files)
        {
            using var w = new StreamWriter(zip.CreateEntry(entry).Open());
            w.Write(text);
        }

        return path;
    }

    [Fact]
    public async Task Transit_rows_take_the_better_of_walk_and_bus_and_the_isolation_index_shows_both()
    {
        var ds = newport.Db.DataSource;
        var (s1x, s1y) = BritishNationalGrid.FromWgs84(S1Lon, S1Lat);
        var (s2x, s2y) = BritishNationalGrid.FromWgs84(S2Lon, S2Lat);
        await using (var cmd = ds.CreateCommand(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO places.areas (code, kind, name, geom) VALUES ('SYNT01', 'lsoa', 'Synthetic home', ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint({s1x}, {s1y}), 27700), 100)));
            INSERT INTO places.areas (code, kind, name, geom) VALUES ('SYNT02', 'lsoa', 'Synthetic services', ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint({s2x}, {s2y}), 27700), 100)));
            INSERT INTO places.dwellings (source, source_ref, area_code, geom) VALUES
              ('synthetic', 'home', 'SYNT01', ST_SetSRID(ST_MakePoint({s1x + 5}, {s1y}), 27700)),
              ('synthetic', 'neighbour', 'SYNT02', ST_SetSRID(ST_MakePoint({s2x + 30}, {s2y}), 27700));
            INSERT INTO places.facilities (kind, name, source, source_ref, geom) VALUES
              ('gp', 'Synthetic GP', 'synthetic', 'g', ST_SetSRID(ST_MakePoint({s2x}, {s2y + 10}), 27700)),
              ('day_centre', 'Synthetic day centre', 'synthetic', 'd', ST_SetSRID(ST_MakePoint({s2x}, {s2y + 10}), 27700)),
              ('youth_club', 'Synthetic youth club', 'synthetic', 'y', ST_SetSRID(ST_MakePoint({s2x}, {s2y + 10}), 27700));
            """)))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        var loaded = (await RoutingNetworkProvider.For(ds).GetAsync(default))!.Value;
        await AccessComputation.RunAsync(ds, loaded.Network.Graph, loaded.Network.ImportId, Kinds, null, default);
        Assert.Equal(0L, await newport.Db.ScalarAsync<long>("SELECT count(*) FROM access.dwelling_times WHERE mode = 'transit'"));

        // The timetable arrives through the CLI (a child process, as a user would run it): transit access follows by itself.
        var (code, line) = await ImportGtfsByCliAsync(FrequentFeed());
        Assert.True(code == 0, line);
        Assert.Contains("synthetic-frequent.zip: added", line, StringComparison.Ordinal);
        Assert.Contains("transit access", line, StringComparison.Ordinal);

        var (_, date) = await TransitRouterProvider.For(ds).FeedsAsync(default);
        Assert.Contains(date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), line, StringComparison.Ordinal); // the default Tuesday
        foreach (var kind in Kinds)
        {
            Assert.Equal(0L, await newport.Db.ScalarAsync<long>(
                $"SELECT count(*) FROM access.dwelling_times t JOIN access.dwelling_times w USING (kind, dwelling_id) WHERE t.kind = '{kind}' AND t.mode = 'transit' AND w.mode = 'walk' AND NOT (t.seconds <= w.seconds)"));
        }

        var walk = await newport.Db.ScalarAsync<float>("SELECT t.seconds FROM access.dwelling_times t JOIN places.dwellings d ON d.id = t.dwelling_id WHERE d.source_ref = 'home' AND t.kind = 'gp' AND t.mode = 'walk'");
        var transit = await newport.Db.ScalarAsync<float>("SELECT t.seconds FROM access.dwelling_times t JOIN places.dwellings d ON d.id = t.dwelling_id WHERE d.source_ref = 'home' AND t.kind = 'gp' AND t.mode = 'transit'");
        var router = (await TransitRouterProvider.For(ds).RouterAsync(date.Value, default))!;
        var (hl, ht) = BritishNationalGrid.ToWgs84(s1x + 5, s1y);
        var (gl, gt) = BritishNationalGrid.ToWgs84(s2x, s2y + 10);
        var oracle = router.TravelTimes([new LonLat(hl, ht)], [new LonLat(gl, gt)], TransitWindow.Morning, 50)[0][0]!.Value;
        Assert.True(transit < walk - 300, $"the bus saves time: transit {transit} s, walk {walk} s");
        Assert.InRange(transit, Math.Min(walk, oracle) - 1, Math.Min(walk, oracle) + 1);
        Assert.Equal(1L, await newport.Db.ScalarAsync<long>("SELECT count(*) FROM access.area_stats WHERE area_code = 'SYNT01' AND kind = 'gp' AND mode = 'transit'"));

        await using var api = await RunningApi.StartAsync(newport.Db.ConnectionString);
        var response = await api.Client.GetAsync("/api/v1/isolation?level=lsoa");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Contains("public transport", body.GetProperty("method").GetString(), StringComparison.Ordinal);
        var home = body.GetProperty("ranking").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "SYNT01");
        var gp = home.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "gp");
        Assert.Equal("transit", gp.GetProperty("mode").GetString());
        Assert.Equal(Math.Round(transit / 60.0, 1), gp.GetProperty("transit_minutes").GetDouble(), 1);
        Assert.Equal(Math.Round(walk / 60.0, 1), gp.GetProperty("walk_minutes").GetDouble(), 1);
        Assert.Equal(gp.GetProperty("transit_minutes").GetDouble(), gp.GetProperty("minutes").GetDouble());
    }
    private async Task<(int Code, string StdOut)> ImportGtfsByCliAsync(string feed)
    {
        var home = Directory.CreateTempSubdirectory("cg-gtfs-cli-");
        try
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { typeof(CohesionGeo.GeoApi.Cli.CommandLine).Assembly.Location, "import", "gtfs", feed })
            {
                psi.ArgumentList.Add(a);
            }

            psi.Environment["COHESIONGEO_DB"] = newport.Db.ConnectionString;
            psi.Environment["COHESIONGEO_HOME"] = home.FullName;
            using var process = Process.Start(psi)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(limit.Token);
            return (process.ExitCode, await output + await error);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }
}
