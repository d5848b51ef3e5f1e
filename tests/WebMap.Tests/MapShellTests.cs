using CohesionGeo.TestSupport;
using Microsoft.Playwright;

namespace CohesionGeo.WebMap.Tests;

/// <summary>The built map in Debian's Chromium, served by the real API.</summary>
public sealed class MapShellTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Map_loads_shows_attribution_and_service_status_and_switches_to_welsh()
    {
        await using var api = await RunningApi.StartAsync(db.ConnectionString, withMap: true);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync(api.BaseAddress.ToString());
        await page.WaitForSelectorAsync(".leaflet-container");
        await Assertions.Expect(page.Locator("#health")).ToHaveAttributeAsync("data-state", "ok");
        await Assertions.Expect(page.Locator(".leaflet-control-attribution")).ToContainTextAsync("© OpenStreetMap contributors");
        await Assertions.Expect(page.Locator("#app-title")).ToHaveTextAsync("CohesionGeo — access and community safety");

        await page.ClickAsync("#lang-cy");
        await Assertions.Expect(page.Locator("#app-title")).ToHaveTextAsync("CohesionGeo — mynediad a diogelwch cymunedol");
        await Assertions.Expect(page.Locator(".leaflet-control-attribution")).ToContainTextAsync("Cyfranwyr OpenStreetMap");
        Assert.Equal("cy", await page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Empty(errors);
    }
}
