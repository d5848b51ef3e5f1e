using Microsoft.Playwright;

namespace CohesionGeo.WebMap.Tests;

/// <summary>
/// The map with the real API and the real Newport roads in Debian's Chromium: our own vector tiles draw,
/// the layer panel follows the signed-in role, labels switch to Welsh, and bad input gets a plain message.
/// </summary>
public sealed class MapLayersTests(NewportMapFixture map) : IClassFixture<NewportMapFixture>
{
    // Painted (non-transparent) pixels in the canvases of one layer's pane.
    private const string PaintedPixels = """
        (id) => {
          let n = 0;
          for (const c of document.querySelectorAll(`.cg-layer-${id} canvas`)) {
            if (!c.width || !c.height) continue;
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
          }
          return n;
        }
        """;

    private static readonly string[] Restricted = ["incident_points", "tension", "doco_features", "planning_applications", "sites"];

    private static async Task<int> WaitForPaintAsync(IPage page, string layer)
    {
        await page.WaitForFunctionAsync($"(id) => ({PaintedPixels})(id) > 0", layer, new PageWaitForFunctionOptions { Timeout = 15000 });
        return await page.EvaluateAsync<int>(PaintedPixels, layer);
    }

    [Fact]
    public async Task Basemap_draws_from_our_own_roads_facilities_and_dwellings_tiles_with_no_outside_request()
    {
        var page = await map.NewPageAsync();
        var outside = new List<string>();
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(map.Api.BaseAddress.ToString(), StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal) && !r.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                outside.Add(r.Url);
            }
        };
        await page.GotoAsync(map.MapUrl(16));

        Assert.True(await WaitForPaintAsync(page, "roads") > 500, "roads drew too few pixels");
        Assert.True(await WaitForPaintAsync(page, "facilities") > 0);
        Assert.True(await WaitForPaintAsync(page, "dwellings") > 0);
        await Assertions.Expect(page.Locator(".leaflet-control-attribution")).ToContainTextAsync("© OpenStreetMap contributors");
        await Assertions.Expect(page.Locator(".leaflet-control-attribution")).ToContainTextAsync("Open Government Licence v3.0");
        await Assertions.Expect(page.Locator("#health")).ToHaveAttributeAsync("data-state", "ok");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("desktop-1280x800-basemap.png") });

        // Turning roads off by keyboard removes the layer; the map stays usable.
        await page.FocusAsync("#layer-roads");
        await page.Keyboard.PressAsync("Space");
        Assert.False(await page.EvaluateAsync<bool>("window.cohesiongeo.map.hasLayer(window.cohesiongeo.grids.get('roads'))"));
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.EvaluateAsync<bool>("window.cohesiongeo.map.hasLayer(window.cohesiongeo.grids.get('roads'))"));

        // Opacity follows the slider.
        await page.FillAsync("#opacity-roads", "40");
        Assert.Equal("0.4", await page.EvaluateAsync<string>("window.cohesiongeo.grids.get('roads').getContainer().style.opacity"));

        Assert.Empty(outside);
        Assert.Empty(map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Panel_is_grouped_with_legends_and_the_welsh_toggle_changes_every_label_and_is_remembered()
    {
        var page = await map.NewPageAsync();
        await page.GotoAsync(map.MapUrl(14));
        var context = page.Locator("fieldset[data-group='context'] > legend");
        await Assertions.Expect(context).ToHaveTextAsync("Context");
        await Assertions.Expect(page.Locator("fieldset[data-group='risk'] > legend")).ToHaveTextAsync("Risk");
        await Assertions.Expect(page.Locator("label[for='layer-roads']")).ToHaveTextAsync("Roads and paths");
        await Assertions.Expect(page.Locator(".layer[data-layer='roads'] .legend")).ToContainTextAsync("Main road");
        await Assertions.Expect(page.Locator("#panel-title")).ToHaveTextAsync("Map layers");
        await Assertions.Expect(page.Locator("#signin-button")).ToHaveTextAsync("Sign in");
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync("viewer");

        await page.ClickAsync("#lang-cy");
        await Assertions.Expect(context).ToHaveTextAsync("Cyd-destun");
        await Assertions.Expect(page.Locator("fieldset[data-group='risk'] > legend")).ToHaveTextAsync("Risg");
        await Assertions.Expect(page.Locator("label[for='layer-roads']")).ToHaveTextAsync("Ffyrdd a llwybrau");
        await Assertions.Expect(page.Locator(".layer[data-layer='roads'] .legend")).ToContainTextAsync("Prif ffordd");
        await Assertions.Expect(page.Locator("#panel-title")).ToHaveTextAsync("Haenau’r map");
        await Assertions.Expect(page.Locator("#signin-button")).ToHaveTextAsync("Mewngofnodi");
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync("gwyliwr");
        await Assertions.Expect(page.Locator(".leaflet-control-attribution")).ToContainTextAsync("Cyfranwyr OpenStreetMap");
        await Assertions.Expect(page.Locator(".leaflet-control-zoom-in")).ToHaveAttributeAsync("aria-label", "Chwyddo i mewn");
        Assert.Equal("cy", await page.EvaluateAsync<string>("document.documentElement.lang"));

        // Every label with a resource key has a Welsh text different from its English one (names and numbers aside).
        var untranslated = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[data-i18n]')].filter(e => e.textContent.trim() === '' ).map(e => e.dataset.i18n)
            """);
        Assert.Empty(untranslated);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("fieldset[data-group='context'] > legend")).ToHaveTextAsync("Cyd-destun");
        await Assertions.Expect(page.Locator("#lang-cy")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Empty(map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_viewer_never_sees_a_restricted_layer_and_a_signed_in_doco_or_admin_does()
    {
        var page = await map.NewPageAsync();
        await page.GotoAsync(map.MapUrl(16));
        await Assertions.Expect(page.Locator(".layer[data-layer='roads']")).ToBeVisibleAsync();
        foreach (var id in Restricted)
        {
            await Assertions.Expect(page.Locator($".layer[data-layer='{id}']")).ToHaveCountAsync(0);
        }

        // DOCO: incident points, DOCO features and planning applications; not the tension or dispersal layers.
        await page.FillAsync("#token", map.DocoToken);
        await page.PressAsync("#token", "Enter");
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync("designing-out-crime officer");
        await Assertions.Expect(page.Locator("#whoami")).ToHaveAttributeAsync("data-signed-in", "true");
        await Assertions.Expect(page.Locator("fieldset[data-group='doco'] > legend")).ToHaveTextAsync("Designing Out Crime");
        await Assertions.Expect(page.Locator(".layer[data-layer='doco_features']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".layer[data-layer='incident_points']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".layer[data-layer='doco_features'] .badge")).ToHaveTextAsync("Restricted");
        await Assertions.Expect(page.Locator(".layer[data-layer='tension']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".layer[data-layer='sites']")).ToHaveCountAsync(0);
        Assert.Equal(map.DocoToken, await page.EvaluateAsync<string>("sessionStorage.getItem('cohesiongeo.token')"));

        // The restricted tiles are fetched with the token and draw.
        await page.CheckAsync("#layer-doco_features");
        Assert.True(await WaitForPaintAsync(page, "doco_features") > 0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("desktop-doco-signed-in.png") });

        await page.ClickAsync("#signout");
        await Assertions.Expect(page.Locator("#whoami")).ToHaveAttributeAsync("data-signed-in", "false");
        foreach (var id in Restricted)
        {
            await Assertions.Expect(page.Locator($".layer[data-layer='{id}']")).ToHaveCountAsync(0);
        }

        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('cohesiongeo.token')"));

        await page.FillAsync("#token", map.AdminToken);
        await page.ClickAsync("#signin-button");
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync("administrator");
        foreach (var id in Restricted)
        {
            await Assertions.Expect(page.Locator($".layer[data-layer='{id}']")).ToHaveCountAsync(1);
        }

        // The token survives a reload of the tab.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync("administrator");
        await Assertions.Expect(page.Locator(".layer[data-layer='tension']")).ToHaveCountAsync(1);
        Assert.Empty(map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_bad_token_a_failing_tile_and_an_unreachable_api_each_show_a_plain_message_and_the_map_stays_usable()
    {
        var page = await map.NewPageAsync();
        await page.GotoAsync(map.MapUrl(15));
        await page.ClickAsync("#lang-cy");
        await Assertions.Expect(page.Locator(".layer[data-layer='roads']")).ToBeVisibleAsync();

        await page.FillAsync("#token", "not-a-real-token");
        await page.ClickAsync("#signin-button");
        await Assertions.Expect(page.Locator("#message")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#message-text")).ToContainTextAsync("Ni dderbyniwyd y tocyn hwnnw");
        await Assertions.Expect(page.Locator("#whoami")).ToHaveAttributeAsync("data-signed-in", "false");
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('cohesiongeo.token')"));
        await page.ClickAsync("#lang-en");
        await Assertions.Expect(page.Locator("#message-text")).ToContainTextAsync("That token was not accepted");
        await page.ClickAsync("#message-dismiss");
        await Assertions.Expect(page.Locator("#message")).ToBeHiddenAsync();

        // A tile error: the message names the layer; the other layers still draw.
        await page.RouteAsync("**/tiles/facilities/**", route => route.FulfillAsync(new RouteFulfillOptions { Status = 500, Body = "boom" }));
        await page.EvaluateAsync("window.cohesiongeo.map.setZoom(16)");
        await Assertions.Expect(page.Locator("#message-text")).ToContainTextAsync("Some map tiles for “Services and facilities” could not be loaded");
        Assert.True(await WaitForPaintAsync(page, "roads") > 0);

        // The API unreachable: a message with a retry; retrying once it is back brings the panel back.
        await page.RouteAsync("**/api/v1/layers", route => route.AbortAsync("connectionrefused"));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#message-text")).ToContainTextAsync("The map service cannot be reached just now");
        await Assertions.Expect(page.Locator("#message-retry")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".leaflet-container")).ToBeVisibleAsync();
        await page.UnrouteAsync("**/api/v1/layers");
        await page.ClickAsync("#message-retry");
        await Assertions.Expect(page.Locator(".layer[data-layer='roads']")).ToBeVisibleAsync();
        Assert.Empty(map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task At_phone_width_the_panel_opens_from_a_button_and_the_attribution_stays_on_screen()
    {
        var page = await map.NewPageAsync(360, 740);
        await page.GotoAsync(map.MapUrl(16));
        Assert.True(await WaitForPaintAsync(page, "roads") > 0);
        await Assertions.Expect(page.Locator("#panel")).ToBeHiddenAsync();
        var attribution = await page.Locator(".leaflet-control-attribution").BoundingBoxAsync();
        Assert.NotNull(attribution);
        Assert.True(attribution.X >= 0 && attribution.X + attribution.Width <= 360 && attribution.Y + attribution.Height <= 740, "attribution runs off the screen");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("phone-360x740-map.png") });

        await page.FocusAsync("#panel-toggle");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#panel-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(page.Locator(".layer[data-layer='roads']")).ToBeVisibleAsync();
        var after = await page.Locator(".leaflet-control-attribution").BoundingBoxAsync();
        Assert.NotNull(after);
        Assert.True(await page.Locator(".leaflet-control-attribution").IsVisibleAsync());
        var panel = await page.Locator("#panel").BoundingBoxAsync();
        Assert.NotNull(panel);
        Assert.True(panel.Y + panel.Height <= after.Y, "the open panel covers the attribution");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("phone-360x740-panel.png") });
        Assert.Empty(map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Access_view_draws_isochrones_from_a_clicked_point_with_the_figures_the_api_gives()
    {
        var page = await map.NewPageAsync();
        await page.GotoAsync(map.MapUrl(15));
        await Assertions.Expect(page.Locator("fieldset[data-group='access'] > legend")).ToHaveTextAsync("Access");
        await page.CheckAsync("#access-mode-cycle");
        await page.ClickAsync("#access-pick");
        await Assertions.Expect(page.Locator("#access-pick")).ToHaveAttributeAsync("aria-pressed", "true");
        var box = await page.Locator("#map").BoundingBoxAsync();
        Assert.NotNull(box);
        var request = page.WaitForRequestAsync("**/api/v1/isochrones");
        await page.Mouse.ClickAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        var body = (await request).PostData!;
        Assert.Contains("\"mode\":\"cycle\"", body, StringComparison.Ordinal);

        // The oracle: the same request straight to the API.
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await map.Api.Client.PostAsync(new Uri("/api/v1/isochrones", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var features = json.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
        Assert.NotEmpty(features);

        var rows = page.Locator("#access-result tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(features.Count);
        for (var i = 0; i < features.Count; i++)
        {
            var p = features[i];
            Assert.Equal(p.GetProperty("minutes").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture), await rows.Nth(i).GetAttributeAsync("data-minutes"));
            Assert.Equal(p.GetProperty("area_km2").GetDouble(), double.Parse((await rows.Nth(i).GetAttributeAsync("data-area-km2"))!, System.Globalization.CultureInfo.InvariantCulture), 9);
            var dwellings = p.GetProperty("dwellings");
            Assert.Equal(dwellings.ValueKind == System.Text.Json.JsonValueKind.Null ? string.Empty : dwellings.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), await rows.Nth(i).GetAttributeAsync("data-dwellings"));
        }

        Assert.Equal(features.Count, await page.Locator("path.cg-isochrone").CountAsync());
        await Assertions.Expect(page.Locator("#access-result caption")).ToContainTextAsync("Reachable by cycling");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("desktop-access-isochrones.png") });
        await page.ClickAsync("#lang-cy");
        await Assertions.Expect(page.Locator("#access-result caption")).ToContainTextAsync("Modd cyrraedd drwy beicio");

        // By keyboard from a point far from any road: a plain message, in Welsh, and the map stays usable.
        await page.EvaluateAsync("window.cohesiongeo.map.setView([51.2, -3.9], 15)");
        await page.FocusAsync("#access-centre");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#message-text")).ToContainTextAsync("rhy bell o ffordd");
        await Assertions.Expect(page.Locator("#access-result")).ToHaveCountAsync(0);
        Assert.Empty(map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Hotspots_follow_the_month_range_sliders_and_draw_what_the_api_returns()
    {
        var page = await map.NewPageAsync();
        await page.GotoAsync(map.MapUrl(14));
        await page.CheckAsync("#layer-hotspots");
        await Assertions.Expect(page.Locator("#hot-status")).ToContainTextAsync("hexagons of 250 m");
        var first = await DrawnMatchesApiAsync(page);
        Assert.Contains("to=2023-05", first, StringComparison.Ordinal);

        // Move the start to the last month by keyboard: a new request for May only, drawn as the API answers.
        var request = page.WaitForRequestAsync(r => r.Url.Contains("/api/v1/risk/hotspots", StringComparison.Ordinal) && r.Url.Contains("from=2023-05", StringComparison.Ordinal));
        await page.FocusAsync("#hot-from");
        await page.Keyboard.PressAsync("End");
        await request;
        await Assertions.Expect(page.Locator("#hot-period")).ToContainTextAsync("May 2023 to May 2023");
        await Assertions.Expect(page.Locator("#hot-status")).ToContainTextAsync("hexagons of 250 m");
        var second = await DrawnMatchesApiAsync(page);
        Assert.Contains("from=2023-05&to=2023-05", second, StringComparison.Ordinal);

        await page.ClickAsync("#lang-cy");
        await Assertions.Expect(page.Locator("#hot-period")).ToContainTextAsync("Mai 2023 i Mai 2023");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("desktop-hotspots-welsh.png") });
        Assert.Empty(map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    // The cells drawn equal the features of the same request made straight to the API; returns that URL.
    private async Task<string> DrawnMatchesApiAsync(IPage page)
    {
        var url = await page.EvaluateAsync<string>("window.cohesiongeo.hotspots.state.requested");
        using var json = System.Text.Json.JsonDocument.Parse(await map.Api.Client.GetStringAsync(new Uri(url, UriKind.Relative)));
        var features = json.RootElement.GetProperty("features").GetArrayLength();
        Assert.True(features > 0);
        await Assertions.Expect(page.Locator("path.cg-hotspot")).ToHaveCountAsync(features);
        return url;
    }
}
