using System.Globalization;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Tiles;

/// <summary>
/// SYNTHETIC test rows (names say "Synthetic"), placed around the centre of one zoom-15 tile in Newport so
/// every layer has known features in that tile: <see cref="Z"/>/<see cref="X"/>/<see cref="Y"/>.
/// Offsets are in EPSG:27700 metres from the tile centre; everything lies within 200 m of it.
/// </summary>
internal static class SyntheticTileData
{
    public const int Z = 15;

    public static readonly (int X, int Y) Tile = Mvt.TileOf(-2.9976, 51.5842, Z);

    public static int X => Tile.X;

    public static int Y => Tile.Y;

    public static (double Lon, double Lat) Centre => Mvt.CentreOf(Z, X, Y);

    /// <summary>
    /// Incidents in the busy hex (the cell holding the tile centre) and in the quiet one (the nearest other
    /// cell, so within 222 m of the centre): 7 and 3. <c>lsoa_code</c> of these synthetic rows holds the hex code.
    /// </summary>
    public const int BusyCount = 7;

    public const int QuietCount = 3;

    public static async Task SeedAsync(TestDatabase db)
    {
        if (await db.ScalarAsync<long>("SELECT count(*) FROM network.edges WHERE name LIKE 'Synthetic%'") > 0)
        {
            return;
        }

        var (lon, lat) = Centre;
        var c = $"ST_Transform(ST_SetSRID(ST_MakePoint({lon.ToString("R", CultureInfo.InvariantCulture)}, {lat.ToString("R", CultureInfo.InvariantCulture)}), 4326), 27700)";
        await using var cmd = db.DataSource.CreateCommand($"""
            CREATE TEMP TABLE centre AS SELECT {c} AS p;
            INSERT INTO network.edges (id, source, target, highway, name, length_m, lit, cost_walk, reverse_cost_walk, cost_cycle, reverse_cost_cycle, cost_drive, reverse_cost_drive, footway, geom)
            SELECT v.id, v.id * 10, v.id * 10 + 1, v.highway, v.name, 200, v.lit, 150, 150, 50, 50, 20, 20, v.footway,
                   ST_MakeLine(ST_Translate(p, -100, v.dy), ST_Translate(p, 100, v.dy))
            FROM centre, (VALUES (1, 'primary', 'Synthetic High Street', 'yes', NULL, 0),
                                 (2, 'residential', 'Synthetic Close', 'yes', NULL, 40),
                                 (3, 'footway', 'Synthetic Alley Path', 'no', 'alley', -40)) AS v(id, highway, name, lit, footway, dy);
            INSERT INTO places.facilities (kind, name, name_cy, source, source_ref, geom)
            SELECT 'gp', 'Synthetic Surgery', 'Meddygfa Synthetig', 'synthetic', 'gp-1', ST_Translate(p, 20, 20) FROM centre;
            INSERT INTO places.dwellings (source, source_ref, area_code, geom)
            SELECT 'synthetic', 'd-' || i, 'W01SYN001', ST_Translate(p, -20 * i, -60) FROM centre, generate_series(1, 2) AS i;
            SELECT places.ensure_hex_grid(250, ST_Expand(p, 1000)) FROM centre;
            INSERT INTO places.areas (code, kind, name, name_cy, population, geom)
            SELECT 'W01SYN001', 'lsoa', 'Synthetic LSOA', 'AGEHI Synthetig', 1500, ST_Multi(ST_Expand(p, 190)) FROM centre;
            INSERT INTO access.area_stats (kind, mode, area_code, dwellings, reachable, mean_s, median_s, p90_s, share_over_15, share_over_30)
            SELECT 'gp', 'walk', a.code, 2, 2, 300, 300, 360, 0, 0 FROM places.areas AS a, centre
            WHERE a.code = 'W01SYN001' OR (a.kind = 'hex' AND ST_Intersects(a.geom, centre.p));
            CREATE TEMP TABLE cells AS
                SELECT a.code, ST_ClosestPoint(ST_Buffer(a.geom, -5), centre.p) AS spot, row_number() OVER (ORDER BY ST_Distance(a.geom, centre.p)) AS rank
                FROM places.areas AS a, centre WHERE a.kind = 'hex' ORDER BY ST_Distance(a.geom, centre.p) LIMIT 2;
            INSERT INTO risk.incidents (month, category, location, row_key, lsoa_code, geom)
            SELECT date '2023-05-01', 'anti-social-behaviour', 'On or near Synthetic High Street', 'busy-' || i, code, spot FROM cells, generate_series(1, {BusyCount}) AS i WHERE rank = 1;
            INSERT INTO risk.incidents (month, category, location, row_key, lsoa_code, geom)
            SELECT date '2023-05-01', 'burglary', 'On or near Synthetic Close', 'quiet-' || i, code, spot FROM cells, generate_series(1, {QuietCount}) AS i WHERE rank = 2;
            INSERT INTO risk.tension_reports (reported_on, tier, level, theme, area_code, summary, partner, synthetic, created_by)
            VALUES (current_date - 3, 'experienced', 4, 'asylum_and_refugees', 'W01SYN001', 'SYNTHETIC RAW SUMMARY TEXT', 'Synthetic Partner', true, 'test');
            INSERT INTO risk.doco_features (kind, source, note, observed_on, geom)
            SELECT 'unlit_path', 'officer', 'SYNTHETIC OFFICER NOTE', date '2023-06-01', ST_Translate(p, 0, -40) FROM centre;
            INSERT INTO places.sites (kind, ref, name, capacity, status, geom, created_by)
            SELECT 'dispersal', 'SYN-D1', 'Synthetic Dispersal House', 6, 'candidate', ST_Translate(p, 60, -30), 'test' FROM centre;
            INSERT INTO places.sites (kind, ref, name, status, geom, created_by)
            SELECT 'planning_application', '23/0001/SYN', 'Synthetic Application', 'pending', ST_Expand(ST_Translate(p, -60, 60), 25), 'test' FROM centre;
            """);
        await cmd.ExecuteNonQueryAsync();
    }
}
