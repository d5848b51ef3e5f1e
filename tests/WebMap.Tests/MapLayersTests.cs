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
        var errors = new List<string>();
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(map.Api.BaseAddress.ToString(), StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal) && !r.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                outside.Add(r.Url);
            }
        };
        page.PageError += (_, e) => errors.Add(e);
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
        Assert.Empty(errors);
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
        Assert.Equal("cy", await page.EvaluateAsync<string>("document.documentElement.lang"));

        // Every label with a resource key has a Welsh text different from its English one (names and numbers aside).
        var untranslated = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[data-i18n]')].filter(e => e.textContent.trim() === '' ).map(e => e.dataset.i18n)
            """);
        Assert.Empty(untranslated);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("fieldset[data-group='context'] > legend")).ToHaveTextAsync("Cyd-destun");
        await Assertions.Expect(page.Locator("#lang-cy")).ToHaveAttributeAsync("aria-pressed", "true");
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
        await page.Context.CloseAsync();
    }
}
