using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Assessment;

/// <summary>
/// The dossier's way-home block on the real Newport network, facilities and 2024 bus and rail timetables;
/// oracle: <c>POST /api/v1/transit/way-home</c> for the same site and facility point.
/// </summary>
public class SiteWayHomeTests(NewportTransitPlacesDatabase newport) : IClassFixture<NewportTransitPlacesDatabase>
{
    // Real points in Newport: near the station, and south-east of the centre.
    private static readonly (double Lon, double Lat)[] Sites = [(-2.9977, 51.5885), (-2.9850, 51.5820)];

    private static readonly string[] Kinds = ["gp", "youth_club", "pharmacy"];

    private TestDatabase Db => newport.Db;

    [Fact]
    public async Task Way_home_of_each_site_and_kind_equals_the_way_home_endpoint_for_the_same_point_and_service()
    {
        await using var api = await RunningApi.StartAsync(Db.ConnectionString);
        var planner = await new ApiUserStore(Db.DataSource).CreateAsync("planner-way-home", Role.Planner, CancellationToken.None);
        var answer = await api.PostJsonAsync("/api/v1/sites/assess", planner,
            new { sites = Sites.Select(s => new { lon = s.Lon, lat = s.Lat }).ToArray(), modes = new[] { "walk", "transit" }, services = Kinds });
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Json.ToString());

        var compared = 0;
        var sites = answer.Json.GetProperty("sites").EnumerateArray().ToList();
        for (var i = 0; i < Sites.Length; i++)
        {
            var site = sites[i];
            var ways = site.GetProperty("way_home");

            // The options name gp, day_centre and youth_club; pharmacy was asked for but is not a way-home kind.
            Assert.True(ways.TryGetProperty("gp", out _));
            Assert.True(ways.TryGetProperty("youth_club", out _));
            Assert.False(ways.TryGetProperty("pharmacy", out _));
            var flagged = new List<(string Kind, JsonElement Way)>();
            foreach (var kind in new[] { "gp", "youth_club" })
            {
                var way = ways.GetProperty(kind);
                var transit = site.GetProperty("services").GetProperty(kind).GetProperty("transit");
                Assert.True(transit.GetProperty("available").GetBoolean());
                if (!way.GetProperty("available").GetBoolean())
                {
                    Assert.Equal(JsonValueKind.Null, transit.GetProperty("nearest").ValueKind);
                    continue;
                }

                // The facility checked is the nearest of the kind by public transport; the outbound is that time.
                Assert.Equal(transit.GetProperty("nearest").GetProperty("id").GetInt64(), way.GetProperty("facility_id").GetInt64());
                Assert.Equal(transit.GetProperty("nearest").GetProperty("seconds").GetDouble(), way.GetProperty("outbound_seconds").GetInt32());
                Assert.Equal(JsonValueKind.Null, transit.GetProperty("nearest").GetProperty("route_length_m").ValueKind); // documented: no single path by transit

                var oracle = await api.PostJsonAsync("/api/v1/transit/way-home", null, new
                {
                    site = new { lon = Sites[i].Lon, lat = Sites[i].Lat },
                    services = new[] { new { lon = way.GetProperty("facility_lon").GetDouble(), lat = way.GetProperty("facility_lat").GetDouble() } },
                });
                Assert.Equal(HttpStatusCode.OK, oracle.Status);
                var expected = oracle.Json.GetProperty("services")[0];
                Assert.Equal(expected.GetProperty("outbound_seconds").ToString(), way.GetProperty("outbound_seconds").ToString());
                Assert.Equal(expected.GetProperty("return_seconds").ToString(), way.GetProperty("return_seconds").ToString());
                Assert.Equal(expected.GetProperty("flagged").GetBoolean(), way.GetProperty("flagged").GetBoolean());
                Assert.Equal(oracle.Json.GetProperty("evening_from").GetString(), way.GetProperty("evening_from").GetString());
                Assert.Equal(oracle.Json.GetProperty("evening_minutes").GetInt32(), way.GetProperty("evening_minutes").GetInt32());
                compared++;
                if (way.GetProperty("flagged").GetBoolean())
                {
                    flagged.Add((kind, way));
                }
            }

            // A no_way_home flag exactly when a kind is flagged, and its why names the figures.
            var flag = site.GetProperty("flags").EnumerateArray().Where(f => f.GetProperty("id").GetString() == "no_way_home").ToList();
            Assert.Equal(flagged.Count > 0, flag.Count == 1);
            foreach (var (kind, way) in flagged)
            {
                var why = flag[0].GetProperty("why").GetString()!;
                Assert.Contains(kind + ": ", why, StringComparison.Ordinal);
                Assert.Contains(way.GetProperty("why").GetString()!, why, StringComparison.Ordinal);
                Assert.Contains(way.GetProperty("return_seconds").ValueKind == JsonValueKind.Null
                    ? "no way home"
                    : (way.GetProperty("return_seconds").GetInt32() / 60.0).ToString("0", CultureInfo.InvariantCulture) + " min", why, StringComparison.Ordinal);
            }
        }

        Assert.True(compared >= 3, $"only {compared} way-home results were compared");
    }

    [Fact]
    public async Task The_cached_dossier_equals_the_reference_path_and_sees_imports_at_once()
    {
        // Every mode and kind: the dossier path (cached facilities, links, densities, hot spots; memoised walk legs)
        // must give the reference path's answer (everything read and computed afresh) to the last figure, nearest
        // facility and counts within 15/30 minutes by public transport included.
        var sites = Sites.Concat([(Lon: -2.9905, Lat: 51.5930), (Lon: -3.0020, Lat: 51.5810)]).Select((s, i) =>
        {
            var (x, y) = CohesionGeo.GeoEngine.Network.BritishNationalGrid.FromWgs84(s.Lon, s.Lat);
            return new CohesionGeo.GeoApi.Endpoints.SitePoint(null, $"site {i} (test)", s.Lon, s.Lat, x, y);
        }).ToList();
        await AssertSameAsync(sites, "as loaded");
        await AssertSameAsync(sites, "warm"); // the second call is answered from the caches

        // A SYNTHETIC test row: one more ASB incident at the first site in the latest month, then a SYNTHETIC GP beside it.
        var (x0, y0) = (sites[0].X, sites[0].Y);
        await ExecuteAsync(FormattableString.Invariant($"""
            INSERT INTO risk.incidents (month, category, lsoa_code, row_key, geom)
            SELECT max(month), 'Anti-social behaviour', (SELECT code FROM places.areas WHERE kind = 'lsoa' AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint({x0}, {y0}), 27700)) LIMIT 1),
                   'SYNTHETIC-test-row', ST_SetSRID(ST_MakePoint({x0 + 5}, {y0 + 5}), 27700) FROM risk.incidents
            """));
        var after = await AssertSameAsync(sites, "after an incident import");
        Assert.Equal(
            await Db.ScalarAsync<long>(FormattableString.Invariant($"SELECT count(*) FROM risk.incidents WHERE category = 'Anti-social behaviour' AND ST_DWithin(geom, ST_SetSRID(ST_MakePoint({x0}, {y0}), 27700), 400) AND month > (SELECT max(month) - interval '12 months' FROM risk.incidents)")),
            after.GetProperty("sites")[0].GetProperty("risk").GetProperty("asb").GetProperty("count").GetInt64());

        await ExecuteAsync(FormattableString.Invariant($"INSERT INTO places.facilities (kind, name, source, source_ref, geom) VALUES ('gp', 'SYNTHETIC test surgery', 'test', 'synthetic-1', ST_SetSRID(ST_MakePoint({x0 + 3}, {y0 + 3}), 27700))"));
        after = await AssertSameAsync(sites, "after a facility import");
        Assert.Equal("SYNTHETIC test surgery", after.GetProperty("sites")[0].GetProperty("services").GetProperty("gp").GetProperty("walk").GetProperty("nearest").GetProperty("name").GetString());

        await ExecuteAsync("DELETE FROM places.facilities WHERE source = 'test'");
        await ExecuteAsync("DELETE FROM risk.incidents WHERE row_key = 'SYNTHETIC-test-row'");
        await AssertSameAsync(sites, "after both were removed");
    }

    [Fact]
    public async Task The_kept_evening_searches_give_the_uncached_way_home_warm_and_follow_a_facility_added_and_removed()
    {
        // Several real Newport points; the way-home kinds of the options (gp, day_centre, youth_club).
        var points = Sites.Concat([(Lon: -2.9905, Lat: 51.5930), (Lon: -3.0020, Lat: 51.5810), (Lon: -2.9610, Lat: 51.5960)]).ToArray();
        var sites = points.Select((s, i) =>
        {
            var (x, y) = CohesionGeo.GeoEngine.Network.BritishNationalGrid.FromWgs84(s.Lon, s.Lat);
            return new CohesionGeo.GeoApi.Endpoints.SitePoint(null, $"site {i} (test)", s.Lon, s.Lat, x, y);
        }).ToList();
        await using var api = await RunningApi.StartAsync(Db.ConnectionString);

        var cold = await SameWayHomeAsync(api, sites, points, "cold");
        var warm = await SameWayHomeAsync(api, sites, points, "warm"); // the evening searches now come from the cache
        Assert.Equal(cold, warm);

        // A SYNTHETIC youth club 3 m from site 2: it becomes that site's nearest by public transport, so the way home
        // must start from it (a search the cache has never seen), as the uncached path and the endpoint say.
        var (x2, y2) = (sites[2].X, sites[2].Y);
        await ExecuteAsync(FormattableString.Invariant($"INSERT INTO places.facilities (kind, name, source, source_ref, geom) VALUES ('youth_club', 'SYNTHETIC test youth club', 'test', 'synthetic-way-home', ST_SetSRID(ST_MakePoint({x2 + 3}, {y2 + 3}), 27700))"));
        var added = await Db.ScalarAsync<long>("SELECT id FROM places.facilities WHERE source_ref = 'synthetic-way-home'");
        var withClub = await SameWayHomeAsync(api, sites, points, "after a facility was added");
        Assert.Equal(added, withClub[2]["youth_club"].FacilityId);
        Assert.NotEqual(warm[2]["youth_club"].FacilityId, withClub[2]["youth_club"].FacilityId);

        await ExecuteAsync("DELETE FROM places.facilities WHERE source_ref = 'synthetic-way-home'");
        var removed = await SameWayHomeAsync(api, sites, points, "after it was removed");
        Assert.Equal(warm, removed);
    }

    /// <summary>
    /// The dossier path's way-home blocks (kept evening searches) for <paramref name="sites"/>; asserted equal to the
    /// reference path (every search afresh) and each available one to <c>POST /api/v1/transit/way-home</c> for the same points.
    /// </summary>
    private async Task<List<Dictionary<string, CohesionGeo.GeoApi.Endpoints.SiteWayHomeDto>>> SameWayHomeAsync(
        RunningApi api, List<CohesionGeo.GeoApi.Endpoints.SitePoint> sites, (double Lon, double Lat)[] points, string when)
    {
        string[] modes = ["walk", "transit"];
        string[] kinds = ["gp", "day_centre", "youth_club"];
        var wayHome = GeoEngine.Assessment.WayHomeThresholds.Default;
        var fast = (await CohesionGeo.GeoApi.Endpoints.SiteEndpoints.DossierAsync(Db.DataSource, sites, modes, kinds, null, new(), wayHome, CancellationToken.None)).Response!;
        var plain = (await CohesionGeo.GeoApi.Endpoints.SiteEndpoints.DossierAsync(Db.DataSource, sites, modes, kinds, null, new(), wayHome, CancellationToken.None, null, reference: true)).Response!;
        var result = new List<Dictionary<string, CohesionGeo.GeoApi.Endpoints.SiteWayHomeDto>>();
        var available = 0;
        for (var i = 0; i < sites.Count; i++)
        {
            var ways = fast.Sites[i].WayHome!;
            Assert.Equal(plain.Sites[i].WayHome!.Keys, ways.Keys);
            foreach (var (kind, way) in ways)
            {
                Assert.True(plain.Sites[i].WayHome![kind] == way, $"{when}: site {i} {kind}: {way} differs from the uncached {plain.Sites[i].WayHome![kind]}");
                if (!way.Available)
                {
                    continue;
                }

                available++;
                var oracle = await api.PostJsonAsync("/api/v1/transit/way-home", null, new
                {
                    site = new { lon = points[i].Lon, lat = points[i].Lat },
                    services = new[] { new { lon = way.FacilityLon, lat = way.FacilityLat } },
                });
                Assert.Equal(HttpStatusCode.OK, oracle.Status);
                var expected = oracle.Json.GetProperty("services")[0];
                Assert.Equal(expected.GetProperty("outbound_seconds").ToString(), way.OutboundSeconds?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
                Assert.Equal(expected.GetProperty("return_seconds").ToString(), way.ReturnSeconds?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
                Assert.Equal(expected.GetProperty("flagged").GetBoolean(), way.Flagged);
            }

            result.Add(new Dictionary<string, CohesionGeo.GeoApi.Endpoints.SiteWayHomeDto>(ways, StringComparer.Ordinal));
        }

        Assert.True(available >= sites.Count, $"{when}: only {available} way-home results were available to compare");
        return result;
    }

    private async Task<JsonElement> AssertSameAsync(List<CohesionGeo.GeoApi.Endpoints.SitePoint> sites, string when)
    {
        string[] modes = ["walk", "cycle", "drive", "transit"];
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var fast = await CohesionGeo.GeoApi.Endpoints.SiteEndpoints.DossierAsync(Db.DataSource, sites, modes, null, null, new(), GeoEngine.Assessment.WayHomeThresholds.Default, CancellationToken.None);
        var plain = await CohesionGeo.GeoApi.Endpoints.SiteEndpoints.DossierAsync(Db.DataSource, sites, modes, null, null, new(), GeoEngine.Assessment.WayHomeThresholds.Default, CancellationToken.None, null, reference: true);
        Assert.NotNull(fast.Response);
        var a = JsonSerializer.Serialize(fast.Response, options);
        var b = JsonSerializer.Serialize(plain.Response, options);
        Assert.True(a == b, $"{when}: the dossier path differs from the reference path");
        Assert.Contains("\"transit\":{\"available\":true", a, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(a);
        return doc.RootElement.Clone();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var cmd = Db.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_stricter_ratio_from_options_flags_the_slower_ways_home_and_the_why_names_the_figures()
    {
        // Newport is well served in the evening: with the default ratio (2) nothing above is flagged. With ratio 1 every
        // return slower than its outbound must be flagged, the figures staying those of the default window.
        var sites = Sites.Select((s, i) =>
        {
            var (x, y) = CohesionGeo.GeoEngine.Network.BritishNationalGrid.FromWgs84(s.Lon, s.Lat);
            return new CohesionGeo.GeoApi.Endpoints.SitePoint(null, $"site {i} (test)", s.Lon, s.Lat, x, y);
        }).ToList();
        string[] modes = ["walk", "transit"];
        var strict = GeoEngine.Assessment.WayHomeThresholds.Default with { Ratio = 1.0 };
        var plain = (await CohesionGeo.GeoApi.Endpoints.SiteEndpoints.DossierAsync(Db.DataSource, sites, modes, Kinds, null, new(), GeoEngine.Assessment.WayHomeThresholds.Default, CancellationToken.None)).Response!;
        var strictAnswer = (await CohesionGeo.GeoApi.Endpoints.SiteEndpoints.DossierAsync(Db.DataSource, sites, modes, Kinds, null, new(), strict, CancellationToken.None)).Response!;
        var flagged = 0;
        for (var i = 0; i < sites.Count; i++)
        {
            foreach (var (kind, way) in strictAnswer.Sites[i].WayHome!)
            {
                var before = plain.Sites[i].WayHome![kind];
                Assert.Equal((before.OutboundSeconds, before.ReturnSeconds), (way.OutboundSeconds, way.ReturnSeconds));
                Assert.Equal(1.0, way.Ratio);
                var slower = way.ReturnSeconds is null || (way.OutboundSeconds is { } o && way.ReturnSeconds > o);
                Assert.Equal(way.Available && slower, way.Flagged);
                if (!way.Flagged)
                {
                    continue;
                }

                flagged++;
                Assert.Contains(way.FacilityName!, way.Why!, StringComparison.Ordinal);
                Assert.Contains((way.ReturnSeconds!.Value / 60.0).ToString("0", CultureInfo.InvariantCulture) + " min, more than 1× the " + (way.OutboundSeconds!.Value / 60.0).ToString("0", CultureInfo.InvariantCulture) + " min outbound", way.Why!, StringComparison.Ordinal);
                var flag = Assert.Single(strictAnswer.Sites[i].Flags, f => f.Id == "no_way_home");
                Assert.Contains($"{kind}: {way.Why}", flag.Why, StringComparison.Ordinal);
            }
        }

        Assert.True(flagged > 0, "no return journey is slower than its outbound at these sites: the flag is untested");
        Assert.Contains("1 x the morning outbound", strictAnswer.Thresholds, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_transit_in_the_modes_way_home_is_empty_and_a_note_says_so()
    {
        await using var api = await RunningApi.StartAsync(Db.ConnectionString);
        var planner = await new ApiUserStore(Db.DataSource).CreateAsync("planner-way-home-walk", Role.Planner, CancellationToken.None);
        var answer = await api.PostJsonAsync("/api/v1/sites/assess", planner, new { sites = new[] { new { lon = Sites[0].Lon, lat = Sites[0].Lat } }, modes = new[] { "walk" }, services = Kinds });
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Empty(answer.Json.GetProperty("sites")[0].GetProperty("way_home").EnumerateObject());
        Assert.Contains(answer.Json.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("way_home: not checked", StringComparison.Ordinal));
    }

    [Fact]
    public void Way_home_options_are_validated_at_start_up()
    {
        var ok = AssessmentOptions.FromEnvironment(n => n switch
        {
            "COHESIONGEO_WAY_HOME_SERVICES" => "gp, pharmacy",
            "COHESIONGEO_WAY_HOME_EVENING_FROM" => "17:30",
            "COHESIONGEO_WAY_HOME_RATIO" => "1.5",
            _ => null,
        });
        Assert.Equal(["gp", "pharmacy"], ok.WayHome.Services);
        Assert.Equal((17 * 3600) + 1800, ok.WayHome.EveningFromSeconds);
        Assert.Equal(1.5, ok.WayHome.Ratio);
        Assert.Equal(180, ok.WayHome.EveningMinutes);
        foreach (var (name, value) in new[] { ("COHESIONGEO_WAY_HOME_EVENING_FROM", "5pm"), ("COHESIONGEO_WAY_HOME_RATIO", "0.5"), ("COHESIONGEO_WAY_HOME_EVENING_MINUTES", "9999"), ("COHESIONGEO_WAY_HOME_SERVICES", "GP;x") })
        {
            var ex = Assert.Throws<OptionsException>(() => AssessmentOptions.FromEnvironment(n => n == name ? value : null));
            Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        }
    }
}
