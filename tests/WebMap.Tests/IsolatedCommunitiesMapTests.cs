using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CohesionGeo.GeoApi.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CohesionGeo.WebMap.Tests;

/// <summary>
/// Isolated communities in the map (isolated.js) against the real API: the ranked list is in the order of
/// <c>GET /api/v1/isolation</c>, a row zooms to the area's box, the "isolated and tension rising" filter is offered
/// only to planner, cohesion lead and admin and lists what <c>GET /api/v1/isolation/tension</c> lists, and the CSV
/// downloaded is the API's. Areas, travel-time figures and tension reports are SYNTHETIC (seeded here, codes
/// W01SYNISO*, around the fixture's centre on the real Newport extract).
/// </summary>
public sealed class IsolatedCommunitiesMapTests(NewportMapFixture map) : IClassFixture<NewportMapFixture>
{
    private static readonly SemaphoreSlim Once = new(1, 1);

    /// <summary>
    /// Six SYNTHETIC LSOAs (400 m squares, 500 m apart, west to east of the centre) with walking medians to a GP,
    /// day centre and youth club that fall from W01SYNISO1 (most isolated) to W01SYNISO6; SYNTHETIC tension
    /// reports that rise in W01SYNISO1, W01SYNISO2 and W01SYNISO4 (recent level 5 after an old level 1) and fall in
    /// W01SYNISO3 (only old reports). Seeded once per fixture.
    /// </summary>
    private async Task SeedAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (await map.Db.ScalarAsync<long>("SELECT count(*) FROM places.areas WHERE code LIKE 'W01SYNISO%'") > 0)
            {
                return;
            }

            await using var cmd = map.Db.DataSource.CreateCommand("""
                INSERT INTO places.areas (code, kind, name, name_cy, population, geom)
                SELECT 'W01SYNISO' || i, 'lsoa', 'Synthetic isolated ' || i, 'Ynysig synthetig ' || i, 1200,
                       ST_Multi(ST_Expand(ST_Translate(p, -1250 + 500 * i, 0), 200))
                FROM synthetic_centre, generate_series(1, 6) AS i;
                INSERT INTO access.area_stats (kind, mode, area_code, dwellings, reachable, mean_s, median_s, p90_s, share_over_15, share_over_30)
                SELECT k.kind, 'walk', 'W01SYNISO' || i, 40 + i, 40 + i, m, m, m * 1.5, CASE WHEN m > 900 THEN 1 ELSE 0 END, CASE WHEN m > 1800 THEN 1 ELSE 0 END
                FROM generate_series(1, 6) AS i,
                     (VALUES ('gp', 300), ('day_centre', 450), ('youth_club', 600)) AS k(kind, base),
                     LATERAL (SELECT (k.base * (8 - i))::real AS m) AS t;
                INSERT INTO risk.tension_reports (reported_on, tier, level, theme, area_code, summary, partner, synthetic, created_by)
                SELECT current_date - v.age, 'evidenced', v.level, 'other', 'W01SYNISO' || v.i, 'SYNTHETIC map test report', 'Synthetic partner', true, 'synthetic-map-test'
                FROM (VALUES (1, 60, 1), (1, 2, 5), (2, 60, 1), (2, 3, 5), (4, 60, 1), (4, 1, 5), (3, 90, 6)) AS v(i, age, level);
                """);
            await cmd.ExecuteNonQueryAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<JsonElement> GetJsonAsync(string url, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await map.Api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    /// <summary>Waits until no zoom is animating and the roads layer has its tiles (for a sharp screenshot).</summary>
    private static Task TilesSettledAsync(IPage page) => page.WaitForFunctionAsync(
        "() => { const m = window.cohesiongeo.map; const g = window.cohesiongeo.grids.get('roads'); return !m._animatingZoom && (!g || !g.isLoading()); }");

    private static async Task SignInAsync(IPage page, string token)
    {
        await page.FillAsync("#token", token);
        await page.PressAsync("#token", "Enter");
        await Assertions.Expect(page.Locator("#whoami")).ToHaveAttributeAsync("data-signed-in", "true");
    }

    private static async Task<List<string>> ListedCodesAsync(IPage page) =>
        [.. await page.Locator("#isolated-list > li").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.code)")];

    [Fact]
    public async Task The_list_is_the_api_ranking_and_a_row_zooms_to_its_area_by_keyboard()
    {
        await SeedAsync();
        var api = await GetJsonAsync("/api/v1/isolation?level=lsoa");
        var ranking = api.GetProperty("ranking").EnumerateArray().ToList();
        Assert.True(ranking.Count >= 6);

        var page = await map.NewPageAsync();
        await page.GotoAsync(map.MapUrl(13));
        await page.ClickAsync("#isolated-toggle");
        await Assertions.Expect(page.Locator("#isolated-list > li")).ToHaveCountAsync(Math.Min(ranking.Count, 25));
        Assert.Equal(ranking.Take(25).Select(r => r.GetProperty("code").GetString()!), await ListedCodesAsync(page));
        var first = ranking[0];
        await Assertions.Expect(page.Locator("#isolated-list > li").First.Locator(".index")).ToHaveAttributeAsync("data-index", first.GetProperty("index").GetDouble().ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#isolated-list > li").First).ToContainTextAsync($"{first.GetProperty("name").GetString()} ({first.GetProperty("code").GetString()})");

        // The viewer is not offered the tension filter, and is told why.
        await Assertions.Expect(page.Locator("#isolated-rising")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#isolated-rising-denied")).ToBeVisibleAsync();

        // Keyboard: Tab onto the third row, Enter → the map fits that area's box from the API.
        var third = ranking[2];
        var code = third.GetProperty("code").GetString()!;
        var bbox = third.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        await page.FocusAsync("#isolated-list > li:nth-child(2) button");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal(code, await page.EvaluateAsync<string>("document.activeElement.dataset.code"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync(
            "([w, s, e, n]) => { const b = window.cohesiongeo.map.getBounds(); return b.contains([[s, w], [n, e]]) && b.getWest() > w - 0.05 && b.getEast() < e + 0.05; }",
            bbox);
        var centre = await page.EvaluateAsync<double[]>("(() => { const c = window.cohesiongeo.map.getCenter(); return [c.lng, c.lat]; })()");
        Assert.InRange(centre[0], bbox[0], bbox[2]);
        Assert.InRange(centre[1], bbox[1], bbox[3]);
        await Assertions.Expect(page.Locator($"#isolated-list button[data-code='{code}']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("path.cg-isolated-area")).ToHaveCountAsync(1);
        await TilesSettledAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("isolated-ranking-zoomed.png") });

        // The ranking CSV is the list as the API gave it.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#isolated-csv"));
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal("rank,code,name,isolation_index,dwellings,gp_minutes,day_centre_minutes,youth_club_minutes", csv[0]);
        Assert.Equal(ranking.Select(r => r.GetProperty("code").GetString()!), csv.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[1]));

        // Welsh.
        await page.ClickAsync("#lang-cy");
        await Assertions.Expect(page.Locator("fieldset[data-group='isolated'] > legend")).ToHaveTextAsync("Cymunedau ynysig");
        await Assertions.Expect(page.Locator("#isolated-toggle")).ToHaveTextAsync("Cuddio'r rhestr");
        await Assertions.Expect(page.Locator("#isolated-csv")).ToHaveTextAsync("Lawrlwytho'r rhestr (CSV)");
        await Assertions.Expect(page.Locator("#isolated-list > li").First).ToContainTextAsync("Meddyg teulu");
        Assert.Equal(ranking.Take(25).Select(r => r.GetProperty("code").GetString()!), await ListedCodesAsync(page));
        Assert.Empty(map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Isolated_and_tension_rising_is_offered_only_to_allowed_roles_and_lists_what_the_api_lists()
    {
        await SeedAsync();
        var users = map.Api.Services.GetRequiredService<ApiUserStore>();
        var lead = await users.CreateAsync("lead-isolated-map", Role.CohesionLead, CancellationToken.None);
        var page = await map.NewPageAsync();
        await page.GotoAsync(map.MapUrl(13));
        await page.ClickAsync("#isolated-toggle");
        await Assertions.Expect(page.Locator("#isolated-list > li").First).ToBeVisibleAsync();

        // A DOCO may not see tension by area: no filter.
        await SignInAsync(page, map.DocoToken);
        await Assertions.Expect(page.Locator("#isolated-rising-denied")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#isolated-rising")).ToHaveCountAsync(0);
        await page.ClickAsync("#signout");
        await Assertions.Expect(page.Locator("#whoami")).ToHaveAttributeAsync("data-signed-in", "false");

        // A cohesion lead may.
        await SignInAsync(page, lead);
        await Assertions.Expect(page.Locator("#isolated-rising")).ToBeVisibleAsync();
        await page.CheckAsync("#isolated-rising");
        var api = await GetJsonAsync("/api/v1/isolation/tension", lead);
        var rising = api.GetProperty("isolated_and_tension_rising").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToList();
        Assert.NotEmpty(rising);
        Assert.True(rising.Count < api.GetProperty("areas").GetArrayLength(), "the filter must leave some areas out");
        await Assertions.Expect(page.Locator("#isolated-list.rising > li")).ToHaveCountAsync(rising.Count);
        Assert.Equal(rising, await ListedCodesAsync(page));
        await Assertions.Expect(page.Locator("#isolated-synthetic")).ToContainTextAsync("SYNTHETIC");
        var firstRow = api.GetProperty("isolated_and_tension_rising")[0];
        await Assertions.Expect(page.Locator("#isolated-list > li").First).ToContainTextAsync(
            $"tension index {firstRow.GetProperty("tension_index").GetDouble().ToString("N2", CultureInfo.InvariantCulture)}");

        // A rising row zooms too (its box comes from the ranking).
        await page.ClickAsync($"#isolated-list button[data-code='{rising[0]}']");
        await Assertions.Expect(page.Locator("path.cg-isolated-area")).ToHaveCountAsync(1);

        // CSV export: the API's own CSV for the same caller.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#isolated-csv"));
        var downloaded = await File.ReadAllTextAsync((await download.PathAsync())!);
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/isolation/tension?format=csv", UriKind.Relative)))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", lead);
            using var response = await map.Api.Client.SendAsync(request);
            Assert.Equal(await response.Content.ReadAsStringAsync(), downloaded);
        }

        Assert.Equal(rising, downloaded.Split("\r\n").Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[1]));
        await TilesSettledAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("isolated-tension-rising.png") });

        // Welsh label; signing out takes the filter away again and shows the whole ranking.
        await page.ClickAsync("#lang-cy");
        await Assertions.Expect(page.Locator("label[for='isolated-rising']")).ToHaveTextAsync("Dim ond ynysig a thensiwn yn codi");
        await page.ClickAsync("#lang-en");
        await page.ClickAsync("#signout");
        await Assertions.Expect(page.Locator("#isolated-rising")).ToHaveCountAsync(0);
        var ranking = await GetJsonAsync("/api/v1/isolation?level=lsoa");
        Assert.Equal(ranking.GetProperty("ranking").EnumerateArray().Take(25).Select(r => r.GetProperty("code").GetString()!), await ListedCodesAsync(page));

        // Phone width: the list is in the panel sheet.
        var phone = await map.NewPageAsync(390, 844);
        await phone.GotoAsync(map.MapUrl(13));
        await phone.ClickAsync("#panel-toggle");
        await phone.ClickAsync("#isolated-toggle");
        await Assertions.Expect(phone.Locator("#isolated-list > li").First).ToBeVisibleAsync();
        await phone.Locator("#isolated-list").ScrollIntoViewIfNeededAsync();
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("isolated-phone-390x844.png") });
        Assert.Empty(map.ScriptErrors(page));
        Assert.Empty(map.ScriptErrors(phone));
        await phone.Context.CloseAsync();
        await page.Context.CloseAsync();
    }
}
