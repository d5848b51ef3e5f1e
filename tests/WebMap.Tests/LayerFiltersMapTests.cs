using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace CohesionGeo.WebMap.Tests;

/// <summary>
/// The access surface chooser, feature details and the incident/tension month range, in Chromium against the real
/// API and the real Newport roads. SYNTHETIC rows seeded here (on top of <see cref="NewportMapFixture"/>'s): median
/// travel times (access.area_stats, source of truth for the colours and popups) for the 250 m hexagons near the
/// centre and the synthetic LSOA, and one incident in 2023-08 far from the view (so 2023-06 and 2023-07 are held
/// months with no incident near the view). Every expected figure comes from the database or the API.
/// </summary>
public sealed class LayerFiltersMapTests(NewportMapFixture map) : IClassFixture<NewportMapFixture>
{
    private static readonly SemaphoreSlim SeedLock = new(1, 1);

    // The RGBA of the access_hex canvas pixel under a WGS84 point (null when no tile canvas is there).
    private const string PixelAt = """
        ([layer, lat, lon]) => {
          const m = window.cohesiongeo.map;
          const p = m.latLngToContainerPoint([lat, lon]);
          const box = m.getContainer().getBoundingClientRect();
          const x = box.left + p.x, y = box.top + p.y;
          for (const c of document.querySelectorAll(`.cg-layer-${layer} canvas`)) {
            const r = c.getBoundingClientRect();
            if (x < r.left || x >= r.right || y < r.top || y >= r.bottom) continue;
            const cx = Math.floor((x - r.left) * c.width / r.width), cy = Math.floor((y - r.top) * c.height / r.height);
            return [...c.getContext('2d').getImageData(cx, cy, 1, 1).data];
          }
          return null;
        }
        """;

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

    private async Task SeedAsync()
    {
        await SeedLock.WaitAsync();
        try
        {
            if (await map.Db.ScalarAsync<long>("SELECT count(*) FROM access.area_stats") > 0)
            {
                return;
            }

            // SYNTHETIC travel times: gp by walk and transit, pharmacy by cycle, for the 12 hexagons nearest the centre
            // (varied so that several bands show), and gp walk for the synthetic LSOA. No drive times at all.
            await using var cmd = map.Db.DataSource.CreateCommand("""
                CREATE TABLE synthetic_cells AS
                    SELECT a.code, (row_number() OVER (ORDER BY ST_Distance(a.geom, c.p)) - 1)::int AS rank
                    FROM places.areas AS a, synthetic_centre AS c WHERE a.kind = 'hex' ORDER BY ST_Distance(a.geom, c.p) LIMIT 12;
                INSERT INTO access.area_stats (kind, mode, area_code, dwellings, reachable, mean_s, median_s, p90_s, share_over_15, share_over_30)
                SELECT v.kind, v.mode, s.code, 10 + s.rank, 10 + s.rank, v.base + 171 * s.rank, v.base + 171 * s.rank, v.base + 200 * s.rank, 0, 0
                FROM synthetic_cells AS s, (VALUES ('gp', 'walk', 170), ('gp', 'transit', 760), ('pharmacy', 'cycle', 1500)) AS v(kind, mode, base);
                INSERT INTO access.area_stats (kind, mode, area_code, dwellings, reachable, mean_s, median_s, p90_s, share_over_15, share_over_30)
                VALUES ('gp', 'walk', 'W01SYNMAP', 121, 121, 450, 450, 600, 0, 0);
                INSERT INTO risk.incidents (month, category, location, row_key, geom)
                SELECT date '2023-08-01', 'burglary', 'On or near Synthetic Far Road', 'map-far-1', ST_Translate(p, 6000, 6000) FROM synthetic_centre;
                """);
            await cmd.ExecuteNonQueryAsync();
        }
        finally
        {
            SeedLock.Release();
        }
    }

    /// <summary>A seeded hex cell: WGS84 point well inside it, its code and its minutes (one decimal, as the tiles send them) for one kind and mode.</summary>
    private async Task<(double Lat, double Lon, string Code, double? Minutes)> CellAsync(int rank, string kind, string mode)
    {
        await using var cmd = map.Db.DataSource.CreateCommand("""
            SELECT s.code, ST_Y(ST_Transform(ST_PointOnSurface(a.geom), 4326)), ST_X(ST_Transform(ST_PointOnSurface(a.geom), 4326)),
                   (SELECT round((st.median_s / 60.0)::numeric, 1)::float8 FROM access.area_stats AS st WHERE st.area_code = s.code AND st.kind = $2 AND st.mode = $3)
            FROM synthetic_cells AS s JOIN places.areas AS a ON a.code = s.code WHERE s.rank = $1
            """);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = rank });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = kind });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = mode });
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetDouble(1), reader.GetDouble(2), reader.GetString(0), reader.IsDBNull(3) ? null : reader.GetDouble(3));
    }

    private async Task<JsonElement> LayerAsync(string id)
    {
        using var doc = JsonDocument.Parse(await map.Api.Client.GetStringAsync(new Uri("/api/v1/layers", UriKind.Relative)));
        return doc.RootElement.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("id").GetString() == id).Clone();
    }

    /// <summary>The legend colour (from the API's catalogue) of a number of minutes: the ramp band holding it.</summary>
    private static string BandColour(JsonElement accessLayer, double minutes) =>
        accessLayer.GetProperty("legend").GetProperty("entries").EnumerateArray().Single(e =>
            (Bound(e, "from") is not { } from || minutes >= from) && (Bound(e, "to") is not { } to || minutes < to)).GetProperty("colour").GetString()!;

    private static double? Bound(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static int[] Rgb(string hex) =>
        [Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16)];

    private static async Task WaitForColourAsync(IPage page, string layer, (double Lat, double Lon) at, string hex)
    {
        var rgb = Rgb(hex);
        try
        {
            await page.WaitForFunctionAsync(
                $"([args, rgb]) => {{ const px = ({PixelAt})(args); return px && px[3] > 100 && Math.abs(px[0] - rgb[0]) <= 4 && Math.abs(px[1] - rgb[1]) <= 4 && Math.abs(px[2] - rgb[2]) <= 4; }}",
                new object[] { new object[] { layer, at.Lat, at.Lon }, rgb }, new PageWaitForFunctionOptions { Timeout = 15000 });
        }
        catch (TimeoutException)
        {
            var px = await page.EvaluateAsync<int[]?>(PixelAt, new object[] { layer, at.Lat, at.Lon });
            Assert.Fail($"{layer} at {at}: expected {hex}, got [{string.Join(", ", px ?? [])}]");
        }
    }

    private static async Task<(float X, float Y)> ScreenPointAsync(IPage page, double lat, double lon)
    {
        var p = await page.EvaluateAsync<double[]>(
            "([lat, lon]) => { const m = window.cohesiongeo.map; const p = m.latLngToContainerPoint([lat, lon]); const b = m.getContainer().getBoundingClientRect(); return [b.left + p.x, b.top + p.y]; }",
            new object[] { lat, lon });
        return ((float)p[0], (float)p[1]);
    }

    private static async Task ClickAtAsync(IPage page, double lat, double lon)
    {
        var (x, y) = await ScreenPointAsync(page, lat, lon);
        await page.Mouse.ClickAsync(x, y);
    }

    [Fact]
    public async Task Choosing_a_service_and_mode_recolours_the_hexagons_with_the_ramp_colour_of_their_minutes_and_the_popup_gives_the_same_figures()
    {
        await SeedAsync();
        var hexLayer = await LayerAsync("access_hex");
        var page = await map.NewPageAsync();
        await page.GotoAsync(map.MapUrl(15));

        // One Access section: the surface chooser, the two surface layers and the isochrone tool.
        await Assertions.Expect(page.Locator("fieldset[data-group='access']")).ToHaveCountAsync(1);
        var access = page.Locator("fieldset[data-group='access']");
        await Assertions.Expect(access.Locator("#surface-kind")).ToBeVisibleAsync();
        await Assertions.Expect(access.Locator("#layer-access_hex")).ToHaveCountAsync(1);
        await Assertions.Expect(access.Locator("#access-pick")).ToHaveCountAsync(1);

        // The kinds offered are those with times (API), labelled as the facilities legend labels them.
        using (var filters = JsonDocument.Parse(await map.Api.Client.GetStringAsync(new Uri("/api/v1/layers/filters", UriKind.Relative))))
        {
            var kinds = filters.RootElement.GetProperty("access").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).ToList();
            Assert.Equal(kinds, await page.Locator("#surface-kind option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));
        }

        // Choose GP by walking, by keyboard: the hexagon surface comes on and the cell takes its band's colour.
        var cell = await CellAsync(0, "gp", "walk");
        await page.FocusAsync("#surface-kind");
        await page.SelectOptionAsync("#surface-kind", "gp");
        await page.CheckAsync("#surface-mode-walk");
        await Assertions.Expect(page.Locator("#layer-access_hex")).ToBeCheckedAsync();
        await WaitForColourAsync(page, "access_hex", (cell.Lat, cell.Lon), BandColour(hexLayer, cell.Minutes!.Value));

        // Bus or train: the same cell changes to the band of its transit minutes.
        var transit = await CellAsync(0, "gp", "transit");
        Assert.NotEqual(BandColour(hexLayer, cell.Minutes.Value), BandColour(hexLayer, transit.Minutes!.Value));
        await page.FocusAsync("#surface-mode-transit");
        await page.Keyboard.PressAsync("Space");
        await WaitForColourAsync(page, "access_hex", (cell.Lat, cell.Lon), BandColour(hexLayer, transit.Minutes.Value));
        var far = await CellAsync(7, "gp", "transit");
        await WaitForColourAsync(page, "access_hex", (far.Lat, far.Lon), BandColour(hexLayer, far.Minutes!.Value));

        // Driving has no times at all: offered as "no times yet", and the cells drawn in the no-data style (white).
        await Assertions.Expect(page.Locator("label[for='surface-mode-drive']")).ToContainTextAsync("no times yet");
        await page.CheckAsync("#surface-mode-drive");
        await Assertions.Expect(page.Locator("#surface-missing")).ToBeVisibleAsync();
        await WaitForColourAsync(page, "access_hex", (cell.Lat, cell.Lon), "#FFFFFF");
        await Assertions.Expect(page.Locator("#surface-legend li[data-colour='none']")).ToContainTextAsync("No data");

        // Back to transit; hovering the cell gives its minutes.
        await page.CheckAsync("#surface-mode-transit");
        await WaitForColourAsync(page, "access_hex", (cell.Lat, cell.Lon), BandColour(hexLayer, transit.Minutes.Value));
        var (hx, hy) = await ScreenPointAsync(page, cell.Lat, cell.Lon);
        await page.Mouse.MoveAsync(hx - 3, hy);
        await page.Mouse.MoveAsync(hx, hy);
        await Assertions.Expect(page.Locator(".leaflet-tooltip.cg-hover")).ToHaveTextAsync($"{cell.Code}: {transit.Minutes.Value.ToString("0.0", CultureInfo.InvariantCulture)} min");

        // Click it: the popup's figures equal the database's, the chosen one first.
        await ClickAtAsync(page, cell.Lat, cell.Lon);
        var section = page.Locator(".cg-popup .cg-feature[data-layer='access_hex']");
        await Assertions.Expect(section).ToBeVisibleAsync();
        await Assertions.Expect(section.Locator("tr[data-prop='code'] td")).ToHaveTextAsync(cell.Code);
        await Assertions.Expect(section.Locator("tr[data-prop='gp_transit'] td")).ToHaveTextAsync(transit.Minutes.Value.ToString("0.0", CultureInfo.InvariantCulture) + " min");
        await Assertions.Expect(section.Locator("tr[data-prop='gp_walk'] td")).ToHaveTextAsync(cell.Minutes.Value.ToString("0.0", CultureInfo.InvariantCulture) + " min");
        await Assertions.Expect(section.Locator("tr[data-prop='gp_drive'] td")).ToHaveTextAsync("no data");
        var dwellings = await map.Db.ScalarAsync<int>($"SELECT dwellings FROM access.area_stats WHERE area_code = '{cell.Code}' AND kind = 'gp' AND mode = 'transit'");
        await Assertions.Expect(section.Locator("tr[data-prop='dwellings'] td")).ToHaveTextAsync(dwellings.ToString(CultureInfo.InvariantCulture));

        // The LSOA under the cell (the areas layer, below): its name and population as the database has them.
        var area = page.Locator(".cg-popup .cg-feature[data-layer='areas']");
        await Assertions.Expect(area.Locator("tr[data-prop='name'] td")).ToHaveTextAsync(await map.Db.ScalarAsync<string>("SELECT name FROM places.areas WHERE code = 'W01SYNMAP'"));
        await Assertions.Expect(area.Locator("tr[data-prop='population'] td")).ToHaveTextAsync(
            (await map.Db.ScalarAsync<int>("SELECT population FROM places.areas WHERE code = 'W01SYNMAP'")).ToString("N0", CultureInfo.InvariantCulture));
        await page.WaitForTimeoutAsync(300); // the popup's fade-in, for the screenshot only
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("desktop-access-surface-popup.png") });

        // Welsh: the chooser, the legend and the open popup.
        await page.ClickAsync("#lang-cy");
        await Assertions.Expect(page.Locator("#surface-title")).ToHaveTextAsync("Amser teithio i wasanaeth");
        await Assertions.Expect(page.Locator("label[for='surface-mode-transit']")).ToHaveTextAsync("Bws neu drên");
        await Assertions.Expect(page.Locator("#surface-legend")).ToContainTextAsync("Llai na 5 munud");
        await Assertions.Expect(section.Locator("tr[data-prop='gp_transit'] td")).ToHaveTextAsync(transit.Minutes.Value.ToString("0.0", CultureInfo.InvariantCulture) + " munud");
        await Assertions.Expect(section.Locator("tr[data-prop='code'] th")).ToHaveTextAsync("Cod");
        await page.WaitForTimeoutAsync(300); // the popup's fade-in, for the screenshot only
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("desktop-access-surface-welsh.png") });

        // The LSOA surface: coloured by the same choice from its own row.
        await page.ClickAsync("#lang-en");
        await page.CheckAsync("#layer-access_lsoa");
        await page.UncheckAsync("#layer-access_hex");
        await page.CheckAsync("#surface-mode-walk");
        var lsoaMinutes = await map.Db.ScalarAsync<double>("SELECT round((median_s / 60.0)::numeric, 1)::float8 FROM access.area_stats WHERE area_code = 'W01SYNMAP' AND kind = 'gp' AND mode = 'walk'");
        await WaitForColourAsync(page, "access_lsoa", (map.Centre.Lat + 0.0003, map.Centre.Lon + 0.0003), BandColour(await LayerAsync("access_lsoa"), lsoaMinutes));
        Assert.Empty(map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Clicking_a_facility_or_an_incident_cell_shows_its_properties_with_translated_labels_and_the_values_of_the_database()
    {
        await SeedAsync();
        var page = await map.NewPageAsync();
        await page.GotoAsync(map.MapUrl(17));
        await page.WaitForFunctionAsync($"(id) => ({PaintedPixels})(id) > 0", "facilities", new PageWaitForFunctionOptions { Timeout = 15000 });

        var gp = await map.Db.ScalarAsync<string>("SELECT ST_AsText(ST_Transform(geom, 4326)) FROM places.facilities WHERE source_ref = 'map-gp'");
        var lonLat = gp["POINT(".Length..^1].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        await ClickAtAsync(page, lonLat[1], lonLat[0]);
        var facility = page.Locator(".cg-popup .cg-feature[data-layer='facilities']");
        await Assertions.Expect(facility).ToBeVisibleAsync();
        await Assertions.Expect(facility.Locator("tr[data-prop='name'] td")).ToHaveTextAsync(await map.Db.ScalarAsync<string>("SELECT name FROM places.facilities WHERE source_ref = 'map-gp'"));
        var gpLabel = (await LayerAsync("facilities")).GetProperty("legend").GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("value").GetString() == "gp").GetProperty("label");
        await Assertions.Expect(facility.Locator("tr[data-prop='kind'] th")).ToHaveTextAsync("Kind");
        await Assertions.Expect(facility.Locator("tr[data-prop='kind'] td")).ToHaveTextAsync(gpLabel.GetProperty("en").GetString()!);
        await page.WaitForTimeoutAsync(300); // the popup's fade-in, for the screenshot only
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("desktop-feature-popup-facility.png") });
        await page.ClickAsync("#lang-cy");
        await Assertions.Expect(facility.Locator("tr[data-prop='kind'] th")).ToHaveTextAsync("Math");
        await Assertions.Expect(facility.Locator("tr[data-prop='kind'] td")).ToHaveTextAsync(gpLabel.GetProperty("cy").GetString()!);
        await page.ClickAsync("#lang-en");

        // An incident cell (viewer: counts of 5 or more): the count equals the database's for that cell.
        await page.CheckAsync("#layer-incidents");
        await page.WaitForFunctionAsync($"(id) => ({PaintedPixels})(id) > 0", "incidents", new PageWaitForFunctionOptions { Timeout = 15000 });
        var spot = await map.Db.ScalarAsync<string>("SELECT ST_AsText(ST_Transform(ST_Translate(p, 5, 5), 4326)) FROM synthetic_centre");
        var at = spot["POINT(".Length..^1].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        await ClickAtAsync(page, at[1], at[0]);
        var cellCode = await map.Db.ScalarAsync<string>("SELECT a.code FROM places.areas AS a, synthetic_centre AS c WHERE a.kind = 'hex' AND ST_Intersects(a.geom, ST_Translate(c.p, 5, 5))");
        var count = await map.Db.ScalarAsync<long>($"SELECT count(*) FROM risk.incidents AS i JOIN places.areas AS a ON ST_Intersects(a.geom, i.geom) WHERE a.code = '{cellCode}'");
        var incidents = page.Locator(".cg-popup .cg-feature[data-layer='incidents']");
        await Assertions.Expect(incidents.Locator("tr[data-prop='code'] td")).ToHaveTextAsync(cellCode);
        await Assertions.Expect(incidents.Locator("tr[data-prop='incidents'] td")).ToHaveTextAsync(count.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(incidents.Locator("tr[data-prop='period'] td")).ToHaveTextAsync("all months loaded");

        // Clicking where nothing is drawn closes it; the map never threw.
        await page.EvaluateAsync("window.cohesiongeo.map.setView([51.2, -3.9], 15)");
        await page.Mouse.ClickAsync(400, 400);
        await Assertions.Expect(page.Locator(".cg-popup")).ToHaveCountAsync(0);
        Assert.Empty(map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Moving_the_month_range_changes_the_tile_requests_and_the_incidents_drawn_and_a_month_with_none_draws_nothing()
    {
        await SeedAsync();
        var page = await map.NewPageAsync();
        var tileUrls = new List<string>();
        var pending = 0;
        page.Request += (_, r) =>
        {
            if (r.Url.Contains("/tiles/incidents/", StringComparison.Ordinal))
            {
                lock (tileUrls)
                {
                    tileUrls.Add(r.Url);
                    pending++;
                }
            }
        };
        page.RequestFinished += (_, r) =>
        {
            if (r.Url.Contains("/tiles/incidents/", StringComparison.Ordinal))
            {
                lock (tileUrls)
                {
                    pending--;
                }
            }
        };
        await page.GotoAsync(map.MapUrl(15));

        using var filters = JsonDocument.Parse(await map.Api.Client.GetStringAsync(new Uri("/api/v1/layers/filters", UriKind.Relative)));
        var months = filters.RootElement.GetProperty("months").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(await map.Db.ScalarAsync<string>("SELECT to_char(min(month), 'YYYY-MM') FROM risk.incidents"), months[0]);
        Assert.Equal(await map.Db.ScalarAsync<string>("SELECT to_char(max(month), 'YYYY-MM') FROM risk.incidents"), months[^1]);

        // Turning the filter on by keyboard turns the incidents layer on, with the range in every tile URL.
        await Assertions.Expect(page.Locator("#slider-on")).ToBeEnabledAsync();
        await page.FocusAsync("#slider-on");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("#layer-incidents")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#slider-from")).ToHaveAttributeAsync("max", (months.Count - 1).ToString(CultureInfo.InvariantCulture));

        async Task<int> RangeAsync(string from, string to)
        {
            lock (tileUrls)
            {
                tileUrls.Clear();
            }

            await page.FillAsync("#slider-from", months.IndexOf(from).ToString(CultureInfo.InvariantCulture));
            await page.FillAsync("#slider-to", months.IndexOf(to).ToString(CultureInfo.InvariantCulture));
            var query = $"from={from}&to={to}";
            for (var i = 0; i < 150; i++)
            {
                lock (tileUrls)
                {
                    if (tileUrls.Any(u => u.EndsWith(query, StringComparison.Ordinal)) && pending == 0)
                    {
                        break;
                    }
                }

                await Task.Delay(100);
            }

            lock (tileUrls)
            {
                var latest = tileUrls.SkipWhile(u => !u.EndsWith(query, StringComparison.Ordinal)).ToList();
                Assert.NotEmpty(latest);
                Assert.All(latest, u => Assert.EndsWith("?" + query, u, StringComparison.Ordinal));
            }

            await page.WaitForTimeoutAsync(300); // tiles answered: let the last one paint
            return await page.EvaluateAsync<int>(PaintedPixels, "incidents");
        }

        // May 2023: the 12 synthetic incidents at the centre are drawn (the API's tile for the centre has them).
        Assert.True(await RangeAsync("2023-05", "2023-05") > 0, "May 2023 drew nothing");
        await Assertions.Expect(page.Locator("#slider-period")).ToHaveTextAsync("May 2023 to May 2023");

        // June–July 2023: held months (the range runs to August) with no incident near the view: nothing drawn,
        // and the API agrees (an empty tile where the centre is).
        Assert.Equal(0, await RangeAsync("2023-06", "2023-07"));
        var xy = await page.EvaluateAsync<int[]>("([lat, lon]) => { const p = window.cohesiongeo.map.project([lat, lon], 15); return [Math.floor(p.x / 256), Math.floor(p.y / 256)]; }", new object[] { map.Centre.Lat, map.Centre.Lon });
        var (tx, ty) = (xy[0], xy[1]);
        Assert.Equal(HttpStatusCode.NoContent, (await map.Api.Client.GetAsync(new Uri($"/tiles/incidents/15/{tx}/{ty}.mvt?from=2023-06&to=2023-07", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await map.Api.Client.GetAsync(new Uri($"/tiles/incidents/15/{tx}/{ty}.mvt?from=2023-05&to=2023-05", UriKind.Relative))).StatusCode);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("desktop-month-range-empty.png") });

        // February to April: the lane incidents appear again.
        Assert.True(await RangeAsync("2023-02", "2023-04") > 0, "February to April drew nothing");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("desktop-month-range.png") });

        // By keyboard: End on "to" moves it to the last month held.
        var lastMonth = page.WaitForRequestAsync(r => r.Url.Contains("/tiles/incidents/", StringComparison.Ordinal) && r.Url.EndsWith($"to={months[^1]}", StringComparison.Ordinal));
        await page.FocusAsync("#slider-to");
        await page.Keyboard.PressAsync("End");
        await lastMonth;
        await Assertions.Expect(page.Locator("#slider-period")).ToContainTextAsync("Aug 2023");

        // Welsh labels.
        await page.ClickAsync("#lang-cy");
        await Assertions.Expect(page.Locator("label[for='slider-on']")).ToHaveTextAsync("Dangos digwyddiadau a thensiwn ar gyfer misoedd a ddewiswyd");
        await Assertions.Expect(page.Locator("label[for='slider-from']")).ToHaveTextAsync("O");
        await Assertions.Expect(page.Locator("#slider-period")).ToContainTextAsync("Chwef 2023 i Awst 2023");

        // Off again: tiles without a range.
        lock (tileUrls)
        {
            tileUrls.Clear();
        }

        await page.UncheckAsync("#slider-on");
        await page.WaitForFunctionAsync($"(id) => ({PaintedPixels})(id) > 0", "incidents", new PageWaitForFunctionOptions { Timeout = 15000 });
        lock (tileUrls)
        {
            Assert.NotEmpty(tileUrls);
            Assert.All(tileUrls, u => Assert.DoesNotContain("from=", u, StringComparison.Ordinal));
        }

        Assert.Empty(map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task At_phone_width_the_access_section_and_month_range_are_usable()
    {
        await SeedAsync();
        var page = await map.NewPageAsync(390, 844);
        await page.GotoAsync(map.MapUrl(15));
        await page.ClickAsync("#panel-toggle");
        await Assertions.Expect(page.Locator("#surface-kind")).ToBeVisibleAsync();
        await page.SelectOptionAsync("#surface-kind", "pharmacy");
        await Assertions.Expect(page.Locator("#surface-mode-cycle")).ToBeCheckedAsync();
        await page.Locator("#slider-on").ScrollIntoViewIfNeededAsync();
        await page.CheckAsync("#slider-on");
        await Assertions.Expect(page.Locator("#slider-from")).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<double>("document.querySelector('#panel').scrollWidth - document.querySelector('#panel').clientWidth");
        Assert.True(width <= 1, $"the panel scrolls sideways by {width} px at phone width");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("phone-layer-filters.png") });
        Assert.Empty(map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }
    [Fact]
    public async Task A_signed_in_doco_gets_the_details_of_a_doco_feature_by_keyboard_without_the_officers_note()
    {
        await SeedAsync();
        var page = await map.NewPageAsync();
        await page.GotoAsync(map.MapUrl(17));
        await page.FillAsync("#token", map.DocoToken);
        await page.PressAsync("#token", "Enter");
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync("designing-out-crime officer");
        await page.CheckAsync("#layer-doco_features");
        await page.WaitForFunctionAsync($"(id) => ({PaintedPixels})(id) > 0", "doco_features", new PageWaitForFunctionOptions { Timeout = 15000 });

        // Centre the map on the middle of the synthetic unlit path, focus the map and press Enter.
        var mid = await map.Db.ScalarAsync<string>("SELECT ST_AsText(ST_Transform(ST_LineInterpolatePoint(geom, 0.5), 4326)) FROM risk.doco_features WHERE note = 'SYNTHETIC OFFICER NOTE'");
        var lonLat = mid["POINT(".Length..^1].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        await page.EvaluateAsync("([lat, lon]) => window.cohesiongeo.map.setView([lat, lon], 17, { animate: false })", new object[] { lonLat[1], lonLat[0] });
        await page.WaitForFunctionAsync($"(id) => ({PaintedPixels})(id) > 0", "doco_features", new PageWaitForFunctionOptions { Timeout = 15000 });
        await page.FocusAsync("#map");
        await page.Keyboard.PressAsync("Enter");

        var section = page.Locator(".cg-popup .cg-feature[data-layer='doco_features']");
        await Assertions.Expect(section).ToBeVisibleAsync();
        using var layers = await AsDocoAsync("/api/v1/layers");
        var doco = layers.RootElement.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "doco_features");
        var officer = doco.GetProperty("legend").GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("value").GetString() == "officer").GetProperty("label");
        await Assertions.Expect(section.Locator("tr[data-prop='source'] td")).ToHaveTextAsync(officer.GetProperty("en").GetString()!);
        await Assertions.Expect(section.Locator("tr[data-prop='kind'] td")).ToHaveTextAsync("unlit path");
        await Assertions.Expect(section.Locator("tr[data-prop='observed_on'] td")).ToHaveTextAsync(
            await map.Db.ScalarAsync<string>("SELECT to_char(observed_on, 'YYYY-MM-DD') FROM risk.doco_features WHERE note = 'SYNTHETIC OFFICER NOTE'"));
        await Assertions.Expect(page.Locator(".cg-popup")).Not.ToContainTextAsync("SYNTHETIC OFFICER NOTE");
        await page.WaitForTimeoutAsync(300); // the popup's fade-in, for the screenshot only
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = NewportMapFixture.ScreenshotPath("desktop-feature-popup-doco.png") });

        await page.ClickAsync("#lang-cy");
        await Assertions.Expect(section.Locator("tr[data-prop='source'] td")).ToHaveTextAsync(officer.GetProperty("cy").GetString()!);
        await Assertions.Expect(section.Locator("tr[data-prop='source'] th")).ToHaveTextAsync("Ffynhonnell");
        await Assertions.Expect(page.Locator(".cg-popup .leaflet-popup-close-button")).ToHaveAttributeAsync("aria-label", "Cau'r manylion");
        Assert.Empty(map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_signed_in_admin_sees_tension_for_the_chosen_months_only()
    {
        await SeedAsync();
        await using (var seed = map.Db.DataSource.CreateCommand("""
            INSERT INTO risk.tension_reports (reported_on, tier, level, theme, area_code, summary, partner, synthetic, created_by)
            SELECT date '2023-03-14', 'experienced', 3, 'other', 'W01SYNMAP', 'SYNTHETIC MAP TENSION REPORT', 'Synthetic Partner', true, 'map-test'
            WHERE NOT EXISTS (SELECT 1 FROM risk.tension_reports WHERE created_by = 'map-test');
            """))
        {
            await seed.ExecuteNonQueryAsync();
        }

        var page = await map.NewPageAsync();
        await page.GotoAsync(map.MapUrl(15));
        await page.FillAsync("#token", map.AdminToken);
        await page.PressAsync("#token", "Enter");
        await Assertions.Expect(page.Locator("#layer-tension")).ToHaveCountAsync(1);
        await page.CheckAsync("#layer-tension");
        await page.CheckAsync("#slider-on");

        var months = (await page.EvaluateAsync<string[]>("window.cohesiongeo.layerView.state.filters.months")).ToList();
        async Task<int> PaintedForAsync(string from, string to)
        {
            var query = $"from={from}&to={to}";
            var response = page.WaitForResponseAsync(r => r.Url.Contains("/tiles/tension/", StringComparison.Ordinal) && r.Url.EndsWith(query, StringComparison.Ordinal));
            await page.FillAsync("#slider-from", months.IndexOf(from).ToString(CultureInfo.InvariantCulture));
            await page.FillAsync("#slider-to", months.IndexOf(to).ToString(CultureInfo.InvariantCulture));
            await response;
            await page.WaitForTimeoutAsync(400); // let the answered tiles paint
            return await page.EvaluateAsync<int>(PaintedPixels, "tension");
        }

        // The admin's months run from the first incident or tension report on; the report's month draws its LSOA, June does not.
        Assert.Equal(await map.Db.ScalarAsync<string>("SELECT to_char(least((SELECT min(month) FROM risk.incidents), (SELECT date_trunc('month', min(reported_on)) FROM risk.tension_reports)), 'YYYY-MM')"), months[0]);
        Assert.True(await PaintedForAsync("2023-03", "2023-03") > 0, "the tension report's month drew nothing");
        Assert.Equal(0, await PaintedForAsync("2023-06", "2023-06"));

        // The click gives the report count and highest level of that month as the database has them.
        Assert.True(await PaintedForAsync("2023-03", "2023-03") > 0);
        await ClickAtAsync(page, map.Centre.Lat + 0.0004, map.Centre.Lon + 0.0004);
        var section = page.Locator(".cg-popup .cg-feature[data-layer='tension']");
        await Assertions.Expect(section.Locator("tr[data-prop='reports'] td")).ToHaveTextAsync(
            (await map.Db.ScalarAsync<long>("SELECT count(*) FROM risk.tension_reports WHERE area_code = 'W01SYNMAP' AND reported_on >= date '2023-03-01' AND reported_on < date '2023-04-01'")).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(section.Locator("tr[data-prop='max_level'] td")).ToHaveTextAsync(
            (await map.Db.ScalarAsync<int>("SELECT max(level)::int FROM risk.tension_reports WHERE area_code = 'W01SYNMAP' AND reported_on >= date '2023-03-01' AND reported_on < date '2023-04-01'")).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(section.Locator("tr[data-prop='period'] td")).ToHaveTextAsync("Mar 2023 to Mar 2023");
        await Assertions.Expect(page.Locator(".cg-popup")).Not.ToContainTextAsync("SYNTHETIC MAP TENSION REPORT");

        // Off: the last 365 days, which do not hold the 2023 report.
        var plain = page.WaitForResponseAsync(r => r.Url.Contains("/tiles/tension/", StringComparison.Ordinal) && !r.Url.Contains("from=", StringComparison.Ordinal));
        await page.UncheckAsync("#slider-on");
        await plain;
        await page.WaitForTimeoutAsync(400);
        Assert.Equal(0, await page.EvaluateAsync<int>(PaintedPixels, "tension"));
        Assert.Empty(map.ScriptErrors(page));
        await page.Context.CloseAsync();
    }

    private async Task<JsonDocument> AsDocoAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", map.DocoToken);
        using var response = await map.Api.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
