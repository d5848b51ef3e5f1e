using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CohesionGeo.GeoApi.Hosting;
using Microsoft.Playwright;

namespace CohesionGeo.WebMap.Tests;

/// <summary>
/// The site check in Debian's Chromium against the real API: the dossier's figures equal an independent
/// <c>POST /api/v1/sites/assess</c> for the same point, postcodes (real Code-Point rows) and their errors,
/// up to five sites side by side with a sixth refused, CSV/GeoJSON exports whose rows match the API, print,
/// Welsh labels, and plain messages for a role that may not assess and for an unreachable API.
/// </summary>
public sealed class SiteCheckTests(SiteCheckFixture fixture) : IClassFixture<SiteCheckFixture>
{
    private NewportMapFixture Map => fixture.Map;

    private static readonly Dictionary<string, string> En = Strings("en");
    private static readonly Dictionary<string, string> Cy = Strings("cy");

    private static Dictionary<string, string> Strings(string lang)
    {
        var path = Path.Combine(CohesionGeoOptions.FindHome(), "src", "web-map", "src", "i18n", lang + ".json");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!;
    }

    private async Task<IPage> SignedInPageAsync(string token, int width = 1280, int height = 800, int zoom = 16)
    {
        var page = await Map.NewPageAsync(width, height);
        await page.GotoAsync(Map.MapUrl(zoom));
        await Assertions.Expect(page.Locator("#site-pick")).ToHaveCountAsync(1);
        if (width <= 700)
        {
            // Phone width: the panel is a sheet opened with the Layers button.
            await page.ClickAsync("#panel-toggle");
        }

        await page.FillAsync("#token", token);
        await page.PressAsync("#token", "Enter");
        await Assertions.Expect(page.Locator("#whoami")).ToHaveAttributeAsync("data-signed-in", "true");
        await Assertions.Expect(page.Locator("#site-pick")).ToBeEnabledAsync();
        return page;
    }

    /// <summary>The API's dossier for points (WGS84), asked independently of the page with the planner token.</summary>
    private async Task<JsonElement> AssessAsync(params (double Lat, double Lon)[] points)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/sites/assess", UriKind.Relative))
        {
            Content = JsonContent.Create(new { sites = points.Select(p => new { lon = p.Lon, lat = p.Lat }).ToArray() }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.PlannerToken);
        using var response = await Map.Api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    /// <summary>RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks; records end with CRLF.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.Empty(row);
        return rows;
    }

    private static async Task<(double Lat, double Lon)> AskedPointAsync(IPage page) =>
        (await page.EvaluateAsync<double>("window.cohesiongeo.sites.state.current.at.lat"), await page.EvaluateAsync<double>("window.cohesiongeo.sites.state.current.at.lon"));

    private static async Task ClickMapAtAsync(IPage page, (double Lat, double Lon) at)
    {
        var point = await page.EvaluateAsync<double[]>(
            "([lat, lon]) => { const p = window.cohesiongeo.map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }", new[] { at.Lat, at.Lon });
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync((float)(box.X + point[0]), (float)(box.Y + point[1]));
    }

    /// <summary>Every service × mode cell of the dossier table against the API's dossier for the same point.</summary>
    private static async Task AssertDossierEqualsAsync(IPage page, JsonElement dossier)
    {
        var cells = 0;
        var reached = 0;
        foreach (var service in dossier.GetProperty("services").EnumerateObject())
        {
            foreach (var mode in service.Value.EnumerateObject())
            {
                var cell = page.Locator($"#site-services td[data-kind='{service.Name}'][data-mode='{mode.Name}']");
                await Assertions.Expect(cell).ToHaveCountAsync(1);
                var v = mode.Value;
                var nearest = v.GetProperty("nearest");
                if (nearest.ValueKind == JsonValueKind.Null)
                {
                    Assert.Equal(string.Empty, await cell.GetAttributeAsync("data-minutes"));
                }
                else
                {
                    reached++;
                    var minutes = nearest.GetProperty("minutes").GetDouble();
                    Assert.Equal(minutes, double.Parse((await cell.GetAttributeAsync("data-minutes"))!, CultureInfo.InvariantCulture));
                    await Assertions.Expect(cell.Locator(".site-min")).ToHaveTextAsync(minutes.ToString("0.0", CultureInfo.InvariantCulture));
                    Assert.Equal(nearest.GetProperty("name").GetString(), await cell.GetAttributeAsync("title"));
                    await Assertions.Expect(page.Locator($"#site-services tr[data-kind='{service.Name}']")).ToContainTextAsync(nearest.GetProperty("name").GetString()!);
                    Assert.Equal(nearest.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture), await cell.GetAttributeAsync("data-facility"));
                }

                foreach (var (json, attr) in new[] { ("within_15_min", "data-within15"), ("within_30_min", "data-within30") })
                {
                    var expected = v.GetProperty(json).ValueKind == JsonValueKind.Null ? string.Empty : v.GetProperty(json).GetInt32().ToString(CultureInfo.InvariantCulture);
                    Assert.Equal(expected, await cell.GetAttributeAsync(attr));
                }

                cells++;
            }
        }

        Assert.True(cells > 0, "the API gave no services");
        Assert.True(reached > 0, "no facility reached: the check would be empty");
        var flags = dossier.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();
        Assert.Equal(flags, await page.Locator("#site-flags li").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.flag)"));
        foreach (var f in dossier.GetProperty("flags").EnumerateArray())
        {
            await Assertions.Expect(page.Locator($"#site-flags li[data-flag='{f.GetProperty("id").GetString()}']")).ToContainTextAsync(f.GetProperty("why").GetString()!);
        }

        // The way home: one line per kind the API answered, flagged, outbound and return seconds as the API gives them.
        var wayHome = dossier.GetProperty("way_home").EnumerateObject().ToList();
        await Assertions.Expect(page.Locator("#site-wayhome li")).ToHaveCountAsync(wayHome.Count);
        foreach (var w in wayHome)
        {
            var line = page.Locator($"#site-wayhome li[data-kind='{w.Name}']");
            await Assertions.Expect(line).ToHaveCountAsync(1);
            Assert.Equal(w.Value.GetProperty("flagged").GetBoolean() ? "true" : "false", await line.GetAttributeAsync("data-flagged"));
            foreach (var (json, attr) in new[] { ("outbound_seconds", "data-outbound"), ("return_seconds", "data-return") })
            {
                var v = w.Value.GetProperty(json);
                Assert.Equal(v.ValueKind == JsonValueKind.Null ? string.Empty : v.GetInt32().ToString(CultureInfo.InvariantCulture), await line.GetAttributeAsync(attr));
            }
        }

        var risk = dossier.GetProperty("risk");
        if (risk.ValueKind != JsonValueKind.Null)
        {
            Assert.Equal(risk.GetProperty("asb").GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture), await page.Locator("#site-risk dd[data-asb]").GetAttributeAsync("data-asb"));
            Assert.Equal(risk.GetProperty("crime").GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture), await page.Locator("#site-risk dd[data-crime]").GetAttributeAsync("data-crime"));
        }

        var lsoa = dossier.GetProperty("lsoa");
        if (lsoa.ValueKind == JsonValueKind.Null)
        {
            await Assertions.Expect(page.Locator("#site-context")).ToHaveCountAsync(0);
        }
        else
        {
            Assert.Equal(lsoa.GetProperty("code").GetString(), await page.Locator("#site-context dd[data-lsoa]").GetAttributeAsync("data-lsoa"));
        }
    }

    [Fact]
    public async Task Arming_the_site_pick_disarms_the_isochrone_pick_so_one_click_starts_one_tool_and_no_popup()
    {
        var page = await SignedInPageAsync(fixture.PlannerToken);
        var isochroneRequests = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/v1/isochrones", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref isochroneRequests);
            }
        };

        await page.ClickAsync("#access-pick");
        await Assertions.Expect(page.Locator("#access-pick")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.ClickAsync("#site-pick");
        await Assertions.Expect(page.Locator("#site-pick")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("#access-pick")).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.True(await page.EvaluateAsync<bool>("document.getElementById('map').classList.contains('picking')"));

        await ClickMapAtAsync(page, fixture.Addresses[0]);
        await Assertions.Expect(page.Locator("#site-dossier")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60000 });
        await Assertions.Expect(page.Locator("#site-pick")).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.False(await page.EvaluateAsync<bool>("document.getElementById('map').classList.contains('picking')"));
        Assert.Equal(0, Volatile.Read(ref isochroneRequests));
        Assert.True(await page.EvaluateAsync<bool>("window.cohesiongeo.access.state.result === null && window.cohesiongeo.access.state.origin === null"));
        await Assertions.Expect(page.Locator(".leaflet-popup")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("site-check-one-tool-per-click.png") });
    }

    [Fact]
    public async Task Clicking_an_address_shows_a_dossier_whose_minutes_and_counts_equal_the_api_and_draws_the_nearest_facilities()
    {
        var page = await SignedInPageAsync(fixture.PlannerToken);
        await page.ClickAsync("#site-pick");
        await Assertions.Expect(page.Locator("#site-pick")).ToHaveAttributeAsync("aria-pressed", "true");
        await ClickMapAtAsync(page, fixture.Addresses[0]);
        await Assertions.Expect(page.Locator("#site-dossier")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60000 });

        var asked = await AskedPointAsync(page);
        Assert.True(Math.Abs(asked.Lat - fixture.Addresses[0].Lat) < 1e-4 && Math.Abs(asked.Lon - fixture.Addresses[0].Lon) < 1e-4, "the click did not land on the address");
        var api = await AssessAsync(asked);
        var dossier = api.GetProperty("sites")[0];
        Assert.NotEmpty(dossier.GetProperty("way_home").EnumerateObject()); // else the way-home lines go unchecked
        await AssertDossierEqualsAsync(page, dossier);

        // The walking column is there with its label; the ASB chart has one bar per month and a text alternative.
        await Assertions.Expect(page.Locator("#site-services th[data-mode='walk']")).ToHaveTextAsync(En["site.mode.walk"]);
        var months = dossier.GetProperty("risk").GetProperty("asb").GetProperty("monthly").GetArrayLength();
        await Assertions.Expect(page.Locator("svg.site-asb-chart rect")).ToHaveCountAsync(months);
        await Assertions.Expect(page.Locator("#site-chart-data li")).ToHaveCountAsync(months);
        await Assertions.Expect(page.Locator("#site-tension")).ToContainTextAsync(
            En["site.tension.text"].Split('{')[0] + dossier.GetProperty("tension").GetProperty("index").GetDouble().ToString("0.00", CultureInfo.InvariantCulture));

        // On the map: the site and, per service kind with a position known, its nearest facility and a line.
        var kinds = dossier.GetProperty("services").EnumerateObject().Count(s => s.Value.EnumerateObject().Any(m => m.Value.GetProperty("nearest").ValueKind != JsonValueKind.Null));
        await Assertions.Expect(page.Locator("path.cg-site")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("path.cg-site-facility")).ToHaveCountAsync(kinds);
        await Assertions.Expect(page.Locator("path.cg-site-line")).ToHaveCountAsync(kinds);
        // A flag is raised here (the synthetic level-4 tension report) and shown with its why.
        Assert.NotEmpty(dossier.GetProperty("flags").EnumerateArray());

        // The 15-minute walking area, by keyboard: drawn once, gone when unticked.
        await page.FocusAsync("#site-walk-area");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("path.cg-site-isochrone")).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 30000 });
        await Assertions.Expect(page.Locator("#site-walk-area")).ToBeCheckedAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("site-check-dossier-1280x800.png") });
        await page.FocusAsync("#site-walk-area");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("path.cg-site-isochrone")).ToHaveCountAsync(0);
        await page.SetViewportSizeAsync(1280, 2400); // tall enough for the whole panel in one picture
        await page.Locator("#site").ScreenshotAsync(new LocatorScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("site-check-dossier-panel.png") });
        Assert.Empty(Map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_postcode_is_checked_at_its_code_point_position_and_an_unknown_one_gets_a_plain_message()
    {
        var page = await SignedInPageAsync(fixture.PlannerToken);

        // Well-formed but not in Code-Point Open as loaded: a plain message, in Welsh too; the map stays usable.
        await page.FillAsync("#site-postcode", "SW1A 1AA");
        await page.PressAsync("#site-postcode", "Enter");
        await Assertions.Expect(page.Locator("#message")).ToHaveAttributeAsync("data-key", "site.error.postcode.unknown");
        await Assertions.Expect(page.Locator("#message-text")).ToHaveTextAsync(En["site.error.postcode.unknown"].Replace("{postcode}", "SW1A 1AA", StringComparison.Ordinal));
        await page.ClickAsync("#lang-cy");
        await Assertions.Expect(page.Locator("#message-text")).ToHaveTextAsync(Cy["site.error.postcode.unknown"].Replace("{postcode}", "SW1A 1AA", StringComparison.Ordinal));
        await page.ClickAsync("#lang-en");
        await Assertions.Expect(page.Locator("#site-dossier")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#site-pick")).ToBeEnabledAsync();

        // Not a postcode's shape.
        await page.FillAsync("#site-postcode", "NP2");
        await page.ClickAsync("#site-postcode-go");
        await Assertions.Expect(page.Locator("#message")).ToHaveAttributeAsync("data-key", "site.error.postcode.invalid");

        // A real postcode of the sample (the one nearest the fixture's centre): the dossier is the API's at the API's position.
        var (postcode, metres) = await fixture.NearestPostcodeAsync();
        Assert.True(metres < 1000, $"nearest postcode {postcode} is {metres:0} m from the centre");
        await page.FillAsync("#site-postcode", postcode.ToLowerInvariant());
        await page.PressAsync("#site-postcode", "Enter");
        await Assertions.Expect(page.Locator("#site-dossier-title")).ToContainTextAsync(postcode, new LocatorAssertionsToContainTextOptions { Timeout = 60000 });
        await Assertions.Expect(page.Locator("#message")).ToBeHiddenAsync();
        using var located = JsonDocument.Parse(await Map.Api.Client.GetStringAsync(new Uri("/api/v1/postcodes/" + Uri.EscapeDataString(postcode), UriKind.Relative)));
        var at = (located.RootElement.GetProperty("lat").GetDouble(), located.RootElement.GetProperty("lon").GetDouble());
        Assert.Equal(at, await AskedPointAsync(page));
        await AssertDossierEqualsAsync(page, (await AssessAsync(at)).GetProperty("sites")[0]);
        Assert.Empty(Map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Five_sites_compare_side_by_side_a_sixth_is_refused_and_the_exports_match_the_api()
    {
        var page = await SignedInPageAsync(fixture.PlannerToken);
        var asked = new List<(double Lat, double Lon)>();
        foreach (var address in fixture.Addresses.Take(6))
        {
            // By keyboard: centre the map on the address and check the map centre.
            await page.EvaluateAsync("([lat, lon]) => window.cohesiongeo.map.setView([lat, lon], 16, { animate: false })", new[] { address.Lat, address.Lon });
            await page.FocusAsync("#site-centre");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("#site-add")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60000 });
            asked.Add(await AskedPointAsync(page));
            await page.ClickAsync("#site-add");
        }

        // The sixth was refused with a plain message; five columns, one per site.
        await Assertions.Expect(page.Locator("#message")).ToHaveAttributeAsync("data-key", "site.error.max");
        await Assertions.Expect(page.Locator("#message-text")).ToHaveTextAsync(En["site.error.max"].Replace("{max}", "5", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#site-compare thead th[data-site]")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("path.cg-compare-site")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("path.cg-site")).ToHaveCountAsync(1); // the sixth, checked but not added
        var five = asked.Take(5).ToArray();
        var api = await AssessAsync(five);
        var sites = api.GetProperty("sites");
        var walkGp = page.Locator("#site-compare tbody tr[data-kind='gp'][data-mode='walk'] td");
        await Assertions.Expect(walkGp).ToHaveCountAsync(5);
        for (var i = 0; i < 5; i++)
        {
            var expected = sites[i].GetProperty("services").GetProperty("gp").GetProperty("walk").GetProperty("nearest").GetProperty("minutes").GetDouble();
            Assert.Equal(expected, double.Parse((await walkGp.Nth(i).GetAttributeAsync("data-minutes"))!, CultureInfo.InvariantCulture));
        }

        await page.SetViewportSizeAsync(1280, 2000);
        await page.Locator("#site-comparison").ScreenshotAsync(new LocatorScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("site-check-compare.png") });

        // CSV: one row per site, the compare endpoint's columns, figures equal the API's.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#site-export-csv"));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var lines = ParseCsv(File.ReadAllText((await download.PathAsync())!));
        Assert.Equal(6, lines.Count);
        var header = lines[0];
        var modes = api.GetProperty("modes").EnumerateArray().Select(m => m.GetString()!).ToList();
        var checkedColumns = 0;
        for (var i = 0; i < 5; i++)
        {
            var row = lines[i + 1];
            Assert.Equal(header.Length, row.Length);
            string Cell(string column) => row[Array.IndexOf(header, column)];
            Assert.Equal(five[i].Lat, double.Parse(Cell("lat"), CultureInfo.InvariantCulture), 5);
            Assert.Equal(five[i].Lon, double.Parse(Cell("lon"), CultureInfo.InvariantCulture), 5);
            Assert.Equal(sites[i].GetProperty("lsoa").GetProperty("code").GetString(), Cell("lsoa"));
            Assert.Equal(sites[i].GetProperty("risk").GetProperty("asb").GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture), Cell("asb_400m"));
            Assert.Equal(string.Join(';', sites[i].GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("id").GetString())), Cell("flags"));
            foreach (var service in sites[i].GetProperty("services").EnumerateObject())
            {
                foreach (var mode in modes)
                {
                    var v = service.Value.GetProperty(mode);
                    var nearest = v.GetProperty("nearest");
                    Assert.Equal(nearest.ValueKind == JsonValueKind.Null ? string.Empty : nearest.GetProperty("minutes").GetDouble().ToString(CultureInfo.InvariantCulture), Cell($"{service.Name}_{mode}_minutes"));
                    Assert.Equal(v.GetProperty("within_30_min").ValueKind == JsonValueKind.Null ? string.Empty : v.GetProperty("within_30_min").GetInt32().ToString(CultureInfo.InvariantCulture), Cell($"{service.Name}_{mode}_within_30"));
                    checkedColumns++;
                }
            }
        }

        Assert.True(checkedColumns > 0);

        // GeoJSON: five points at the sites.
        download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#site-export-geojson"));
        using (var geo = JsonDocument.Parse(File.ReadAllText((await download.PathAsync())!)))
        {
            var features = geo.RootElement.GetProperty("features");
            Assert.Equal(5, features.GetArrayLength());
            for (var i = 0; i < 5; i++)
            {
                var c = features[i].GetProperty("geometry").GetProperty("coordinates");
                Assert.Equal(sites[i].GetProperty("lon").GetDouble(), c[0].GetDouble(), 6);
                Assert.Equal(sites[i].GetProperty("lat").GetDouble(), c[1].GetDouble(), 6);
            }
        }

        // Removing a site removes its column; print calls window.print with the print view on.
        await page.ClickAsync("#site-compare thead th[data-site='0'] button");
        await Assertions.Expect(page.Locator("#site-compare thead th[data-site]")).ToHaveCountAsync(4);
        await page.EvaluateAsync("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }");
        await page.ClickAsync("#site-print");
        Assert.Equal(1, await page.EvaluateAsync<int>("window.__printed"));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.Locator("#map")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#layers")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#site-compare")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#site-export-csv")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("site-check-print.png"), FullPage = true });
        Assert.Empty(Map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_welsh_toggle_changes_the_panel_labels_and_a_phone_width_panel_does_not_overflow()
    {
        var page = await SignedInPageAsync(fixture.PlannerToken, 390, 844);
        await page.EvaluateAsync("([lat, lon]) => window.cohesiongeo.map.setView([lat, lon], 16, { animate: false })", new[] { fixture.Addresses[1].Lat, fixture.Addresses[1].Lon });
        await page.ClickAsync("#site-centre");
        await Assertions.Expect(page.Locator("#site-dossier")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60000 });
        await Assertions.Expect(page.Locator("#site-services caption")).ToHaveTextAsync(En["site.services.caption"]);

        await page.ClickAsync("#lang-cy");
        await Assertions.Expect(page.Locator("fieldset[data-group='site'] > legend")).ToHaveTextAsync(Cy["site.group"]);
        await Assertions.Expect(page.Locator("#site-services caption")).ToHaveTextAsync(Cy["site.services.caption"]);
        await Assertions.Expect(page.Locator("#site-services th[data-mode='walk']")).ToHaveTextAsync(Cy["site.mode.walk"]);
        await Assertions.Expect(page.Locator("#site-risk-title")).ToHaveTextAsync(Cy["site.risk.title"]);
        await Assertions.Expect(page.Locator("#site-context-title")).ToHaveTextAsync(Cy["site.context.title"]);
        await Assertions.Expect(page.Locator("#site-add")).ToHaveTextAsync(Cy["site.add"].Replace("{n}", "0", StringComparison.Ordinal).Replace("{max}", "5", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("label[for='site-postcode']")).ToHaveTextAsync(Cy["site.postcode"]);
        Assert.NotEqual(En["site.services.caption"], Cy["site.services.caption"]);

        // Phone width: the panel scrolls within itself (wide tables scroll in their own box), nothing spills sideways.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("site-check-phone-390-welsh.png") });
        var wide = await page.EvaluateAsync<string>("""
            () => { const p = document.getElementById('panel'); const r = p.getBoundingClientRect().right;
              return [...p.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > r + 1).slice(0, 5).map(e => `${e.tagName}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`).join('; ') + ` | ${p.scrollWidth} > ${p.clientWidth}`; }
            """);
        Assert.True(await page.EvaluateAsync<bool>("document.getElementById('panel').scrollWidth <= document.getElementById('panel').clientWidth + 1"), "the panel overflows sideways at 390 px: " + wide);
        Assert.Empty(Map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_role_that_may_not_assess_and_an_unreachable_api_each_get_a_plain_message_and_the_map_stays_usable()
    {
        // Anonymous: the tool says plainly who may use it, and its buttons are off.
        var page = await Map.NewPageAsync();
        await page.GotoAsync(Map.MapUrl(16));
        await Assertions.Expect(page.Locator("#site-signin")).ToHaveTextAsync(En["site.signin.needed"]);
        await Assertions.Expect(page.Locator("#site-pick")).ToBeDisabledAsync();

        // A DOCO may not assess: said plainly, and if the page asks anyway the API's 403 becomes the same plain message.
        await page.FillAsync("#token", Map.DocoToken);
        await page.PressAsync("#token", "Enter");
        await Assertions.Expect(page.Locator("#whoami")).ToHaveAttributeAsync("data-signed-in", "true");
        await Assertions.Expect(page.Locator("#site-signin")).ToHaveTextAsync(En["site.role.needed"]);
        await page.EvaluateAsync("() => { window.cohesiongeo.state.me.role = 'planner'; }");
        await page.EvaluateAsync("([lat, lon]) => window.cohesiongeo.sites.check(lat, lon, 'forced')", new[] { fixture.Addresses[0].Lat, fixture.Addresses[0].Lon });
        await Assertions.Expect(page.Locator("#message")).ToHaveAttributeAsync("data-key", "site.error.role");
        await Assertions.Expect(page.Locator("#site-dossier")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        // The API unreachable during a check: a plain message; the map and the tool still work afterwards.
        page = await SignedInPageAsync(fixture.PlannerToken);
        await page.RouteAsync("**/api/v1/sites/assess", route => route.AbortAsync("connectionrefused"));
        await page.ClickAsync("#site-centre");
        await Assertions.Expect(page.Locator("#message")).ToHaveAttributeAsync("data-key", "error.api.down");
        await Assertions.Expect(page.Locator("#site-centre")).ToBeEnabledAsync();
        await page.UnrouteAsync("**/api/v1/sites/assess");
        await page.EvaluateAsync("([lat, lon]) => window.cohesiongeo.map.setView([lat, lon], 16, { animate: false })", new[] { fixture.Addresses[2].Lat, fixture.Addresses[2].Lon });
        await page.ClickAsync("#site-centre");
        await Assertions.Expect(page.Locator("#site-dossier")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60000 });
        await Assertions.Expect(page.Locator("#message")).ToBeHiddenAsync();

        // A point far outside the data (the other side of Wales): a plain message, the last dossier kept.
        await page.EvaluateAsync("() => window.cohesiongeo.sites.check(52.4, -4.08, 'far')");
        await Assertions.Expect(page.Locator("#message")).ToHaveAttributeAsync("data-key", "site.error.outside");
        await Assertions.Expect(page.Locator("#site-dossier")).ToBeVisibleAsync();
        Assert.Empty(Map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }
}
