using System.Globalization;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CohesionGeo.WebMap.Tests;

/// <summary>
/// The Newport map fixture plus what a site dossier needs, all SYNTHETIC and labelled so: source records for the
/// fixture's synthetic facilities (so <c>/api/v1/facilities</c> gives their positions), a few more synthetic
/// facilities of other kinds further out, a year of synthetic ASB rows by the police.uk CSV category name, a rural-urban class and WIMD rank on the synthetic LSOA, one synthetic
/// tension report; and a planner token made through <see cref="ApiUserStore"/>.
/// </summary>
public sealed class SiteCheckFixture : IAsyncLifetime
{
    public NewportMapFixture Map { get; } = new();

    public string PlannerToken { get; private set; } = string.Empty;

    /// <summary>Synthetic dwellings (an address each) on the fixture's 30 m grid around the centre, WGS84.</summary>
    public IReadOnlyList<(double Lat, double Lon)> Addresses { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Map.InitializeAsync();
        await using (var cmd = Map.Db.DataSource.CreateCommand("""
            INSERT INTO places.facilities (kind, name, name_cy, source, source_ref, geom)
            SELECT v.kind, 'Synthetic ' || v.name, NULL, 'synthetic', 'site-' || v.name, ST_Translate(p, v.dx, v.dy)
            FROM synthetic_centre, (VALUES ('gp', 'gp far', 700, 400), ('youth_club', 'youth club', -250, 350), ('community_centre', 'community centre', 300, -300),
                                           ('pharmacy', 'pharmacy far', -900, -200)) AS v(kind, name, dx, dy);
            INSERT INTO places.facility_sources (source, source_ref, facility_id, name, precise, named, geom)
            SELECT f.source, f.source_ref, f.id, f.name, true, true, f.geom FROM places.facilities AS f
            WHERE f.source = 'synthetic' AND NOT EXISTS (SELECT 1 FROM places.facility_sources AS s WHERE s.facility_id = f.id);
            INSERT INTO risk.incidents (month, category, location, row_key, lsoa_code, geom)
            SELECT (date '2022-06-01' + make_interval(months => m))::date, 'Anti-social behaviour', 'On or near Synthetic Site Check Street', 'site-asb-' || m || '-' || i, 'W01SYNMAP', ST_Translate(p, 20, -20)
            FROM synthetic_centre, generate_series(0, 11) AS m, generate_series(0, 11) AS i WHERE i <= m % 5 + (m / 9) * 3;
            UPDATE places.areas SET ruc = 'C1', wimd_rank = 321 WHERE code = 'W01SYNMAP';
            INSERT INTO risk.tension_reports (reported_on, tier, level, theme, area_code, summary, partner, synthetic, created_by)
            VALUES (date '2023-05-20', 'experienced', 4, 'other', 'W01SYNMAP', 'SYNTHETIC test report', 'synthetic', true, 'site-check-test');
            """))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        var addresses = new List<(double, double)>();
        await using (var cmd = Map.Db.DataSource.CreateCommand("""
            SELECT ST_Y(ST_Transform(geom, 4326)), ST_X(ST_Transform(geom, 4326)) FROM places.dwellings
            WHERE source = 'synthetic' AND source_ref = ANY($1) ORDER BY array_position($1, source_ref)
            """))
        {
            cmd.Parameters.AddWithValue(new[] { "map-d-6-6", "map-d-2-8", "map-d-8-2", "map-d-3-3", "map-d-9-9", "map-d-1-5", "map-d-7-0" });
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                addresses.Add((reader.GetDouble(0), reader.GetDouble(1)));
            }
        }

        Addresses = addresses;
        PlannerToken = await Map.Api.Services.GetRequiredService<ApiUserStore>().CreateAsync("planner-test", Role.Planner, CancellationToken.None);
    }

    /// <summary>The real Code-Point Open postcode (data/codepoint/np.csv) nearest the fixture's centre, and its distance in metres.</summary>
    public async Task<(string Postcode, double Metres)> NearestPostcodeAsync()
    {
        var x = await Map.Db.ScalarAsync<double>("SELECT ST_X(p) FROM synthetic_centre");
        var y = await Map.Db.ScalarAsync<double>("SELECT ST_Y(p) FROM synthetic_centre");
        var best = (Postcode: string.Empty, Metres: double.MaxValue);
        foreach (var line in File.ReadLines(DataFiles.Find("codepoint/np.csv")))
        {
            var f = line.Split(',');
            if (f.Length < 4 || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var e) || !double.TryParse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || e == 0)
            {
                continue;
            }

            var d = Math.Sqrt(((e - x) * (e - x)) + ((n - y) * (n - y)));
            if (d < best.Metres)
            {
                var code = f[0].Trim('"');
                best = (code[..^3] + " " + code[^3..], d);
            }
        }

        return best;
    }

    public async Task DisposeAsync() => await Map.DisposeAsync();
}
