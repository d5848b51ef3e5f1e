using System.Globalization;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CohesionGeo.WebMap.Tests;

/// <summary>
/// One database, API and Chromium for the map tests: the real small Newport OSM extract
/// (data/osm/newport-small-2023.osm.pbf) imported with the OSM import code, so roads are real; around a
/// point on that network, SYNTHETIC rows (names say "Synthetic") for the other layers; and two tokens
/// (a DOCO and an admin) made through <see cref="ApiUserStore"/>.
/// </summary>
public sealed class NewportMapFixture : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> _errors = [];

    public RunningApi Api { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string DocoToken { get; private set; } = string.Empty;

    public string AdminToken { get; private set; } = string.Empty;

    /// <summary>A point on a real road of the extract (WGS84), the centre of the synthetic rows.</summary>
    public (double Lat, double Lon) Centre { get; private set; }

    public long Edges { get; private set; }

    public TestDatabase Db => _db;

    public static string ScreenshotPath(string name)
    {
        var dir = Path.Combine(CohesionGeo.GeoApi.Hosting.CohesionGeoOptions.FindHome(), ".cohesiongeo", "test-results", "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await OsmNetworkImport.RunAsync(_db.DataSource, DataFiles.Find("osm/newport-small-2023.osm.pbf"));
        Edges = await _db.ScalarAsync<long>("SELECT count(*) FROM network.edges");
        await SeedSyntheticAsync();
        var lat = await _db.ScalarAsync<double>("SELECT ST_Y(ST_Transform(p, 4326)) FROM synthetic_centre");
        var lon = await _db.ScalarAsync<double>("SELECT ST_X(ST_Transform(p, 4326)) FROM synthetic_centre");
        Centre = (lat, lon);

        Api = await RunningApi.StartAsync(_db.ConnectionString, withMap: true);
        var users = Api.Services.GetRequiredService<ApiUserStore>();
        DocoToken = await users.CreateAsync("doco-test", Role.Doco, CancellationToken.None);
        AdminToken = await users.CreateAsync("admin-test", Role.Admin, CancellationToken.None);
        Browser = await TestSupport.Browser.LaunchAsync();
    }

    /// <summary>The map URL centred on the synthetic rows at <paramref name="zoom"/>.</summary>
    public string MapUrl(int zoom = 16) =>
        string.Create(CultureInfo.InvariantCulture, $"{Api.BaseAddress}#{zoom}/{Centre.Lat:F5}/{Centre.Lon:F5}");

    /// <summary>A fresh page (own storage: no token, no language remembered) at the given size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        _errors.Add(page, errors);
        return page;
    }

    /// <summary>Uncaught script errors the page has raised so far (each test asserts none).</summary>
    public IReadOnlyList<string> ScriptErrors(IPage page) => _errors.TryGetValue(page, out var list) ? list : [];

    private async Task SeedSyntheticAsync()
    {
        // The centre: the point of the extract's roads nearest to the middle of its extent.
        await using var cmd = _db.DataSource.CreateCommand("""
            CREATE TABLE synthetic_centre AS
                SELECT ST_ClosestPoint(e.geom, ST_Centroid(x.ext)) AS p
                FROM network.edges AS e, (SELECT ST_SetSRID(ST_Extent(geom)::geometry, 27700) AS ext FROM network.edges) AS x
                ORDER BY ST_Distance(e.geom, ST_Centroid(x.ext)) LIMIT 1;
            INSERT INTO places.facilities (kind, name, name_cy, source, source_ref, geom)
            SELECT v.kind, 'Synthetic ' || v.kind, NULL, 'synthetic', 'map-' || v.kind, ST_Translate(p, v.dx, v.dy)
            FROM synthetic_centre, (VALUES ('gp', 40, 40), ('pharmacy', -60, 30), ('school', 80, -50), ('library', -30, -80)) AS v(kind, dx, dy);
            INSERT INTO places.dwellings (source, source_ref, area_code, geom)
            SELECT 'synthetic', 'map-d-' || i || '-' || j, 'W01SYNMAP', ST_Translate(p, -150 + 30 * i, -150 + 30 * j)
            FROM synthetic_centre, generate_series(0, 10) AS i, generate_series(0, 10) AS j;
            INSERT INTO places.areas (code, kind, name, name_cy, population, geom)
            SELECT 'W01SYNMAP', 'lsoa', 'Synthetic LSOA', 'AGEHI Synthetig', 1500, ST_Multi(ST_Expand(p, 250)) FROM synthetic_centre;
            SELECT places.ensure_hex_grid(250, ST_Expand(p, 1000)) FROM synthetic_centre;
            INSERT INTO risk.incidents (month, category, location, row_key, lsoa_code, geom)
            SELECT date '2023-05-01', 'anti-social-behaviour', 'On or near Synthetic Street', 'map-' || i, 'W01SYNMAP', ST_Translate(p, 5, 5)
            FROM synthetic_centre, generate_series(1, 12) AS i;
            INSERT INTO risk.incidents (month, category, location, row_key, lsoa_code, geom)
            SELECT make_date(2023, m, 1), 'anti-social-behaviour', 'On or near Synthetic Lane', 'map-' || m || '-' || i, 'W01SYNMAP', ST_Translate(p, -400 + 100 * m, 300)
            FROM synthetic_centre, generate_series(2, 4) AS m, generate_series(1, 6) AS i;
            INSERT INTO risk.doco_features (kind, source, note, observed_on, geom)
            SELECT 'unlit_path', 'officer', 'SYNTHETIC OFFICER NOTE', date '2023-06-01', ST_MakeLine(ST_Translate(p, -100, 60), ST_Translate(p, 100, 60)) FROM synthetic_centre;
            """);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        await _db.DisposeAsync();
    }
}
