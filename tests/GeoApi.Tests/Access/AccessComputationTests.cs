using CohesionGeo.GeoApi.Access;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.TestSupport;
using NetTopologySuite.Geometries;

namespace CohesionGeo.GeoApi.Tests.Access;

/// <summary>The compute pipeline on a synthetic network (labelled synthetic) with hand-worked times, and incremental recompute (reusing stored links).</summary>
public sealed class AccessComputationTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    // Synthetic street: five vertices 100 m apart on y = 200000 from x = 300000, every edge 400 s in every mode, both ways.
    private static RoutingGraph Street()
    {
        const double X0 = 300_000, Y0 = 200_000;
        var source = new[] { 0, 1, 2, 3 };
        var target = new[] { 1, 2, 3, 4 };
        var cost = Enumerable.Range(0, TravelModes.Count).Select(_ => new double[] { 400, 400, 400, 400 }).ToArray();
        var geometry = source.Select(s => (LineString?)BritishNationalGrid.Factory.CreateLineString([new Coordinate(X0 + (100 * s), Y0), new Coordinate(X0 + (100 * (s + 1)), Y0)])).ToArray();
        return RoutingGraph.Build(5, source, target, cost, cost, geometry, edgeIds: [11, 12, 13, 14]);
    }

    private async Task ExecAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Computes_hand_worked_times_and_recomputes_only_the_kind_that_changed()
    {
        await ExecAsync(
            """
            INSERT INTO places.areas (code, kind, name, geom) VALUES ('SYN0001', 'lsoa', 'Synthetic area', ST_Multi(ST_MakeEnvelope(299900, 199900, 300500, 200100, 27700)));
            SELECT places.ensure_hex_grid(250, ST_MakeEnvelope(299900, 199900, 300500, 200100, 27700));
            INSERT INTO places.dwellings (source, source_ref, area_code, geom) VALUES
              ('synthetic', 'B', 'SYN0001', ST_SetSRID(ST_MakePoint(300100, 200000), 27700)),
              ('synthetic', 'C', 'SYN0001', ST_SetSRID(ST_MakePoint(300200, 200000), 27700)),
              ('synthetic', 'far', 'SYN0001', ST_SetSRID(ST_MakePoint(305000, 205000), 27700));
            INSERT INTO places.facilities (kind, name, source, source_ref, capacity, geom) VALUES
              ('youth_club', 'Synthetic club A', 'synthetic', 'yA', NULL, ST_SetSRID(ST_MakePoint(300000, 200000), 27700)),
              ('gp', 'Synthetic GP E', 'synthetic', 'gE', 1000, ST_SetSRID(ST_MakePoint(300400, 200000), 27700));
            """);
        var graph = Street();

        var report = await AccessComputation.RunAsync(db.DataSource, graph, 1, ["youth_club", "gp"], null, CancellationToken.None);

        Assert.Equal(3, report.Dwellings);
        Assert.Equal(2, report.LinkedDwellings["walk"]); // the far one is 7 km off the synthetic street
        // Youth club at A: B 400 s, C 800 s. GP at E: B 1200 s, C 800 s. The far dwelling: no time.
        Assert.Equal(400.0, await TimeAsync("youth_club", "walk", "B"));
        Assert.Equal(800.0, await TimeAsync("youth_club", "walk", "C"));
        Assert.Equal(1200.0, await TimeAsync("gp", "drive", "B"));
        Assert.Null(await TimeAsync("gp", "walk", "far"));
        // Area: two dwellings on the network (the far one is left out): mean 600, median 600, share beyond 15 min 0.
        Assert.Equal(600.0, await db.ScalarAsync<float>("SELECT mean_s FROM access.area_stats WHERE area_code = 'SYN0001' AND kind = 'youth_club' AND mode = 'walk'"), 3);
        Assert.Equal(2, await db.ScalarAsync<int>("SELECT dwellings FROM access.area_stats WHERE area_code = 'SYN0001' AND kind = 'youth_club' AND mode = 'walk'"));
        // 2SFCA: one GP of capacity 1000 reaching both dwellings within 30 min: 500 each.
        Assert.Equal(500.0, await db.ScalarAsync<double>("SELECT score FROM access.gp_2sfca g JOIN places.dwellings d ON d.id = g.dwelling_id WHERE d.source_ref = 'C' AND g.mode = 'walk'"), 6);
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM access.area_stats WHERE area_code LIKE 'H250\\_%' AND kind = 'gp'") > 0);

        // Links are kept for the next run (network import 1): the far dwelling has none.
        Assert.Equal(3L, await db.ScalarAsync<long>("SELECT count(*) FROM access.dwelling_links WHERE mode = 'walk' AND import_id = 1"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM access.dwelling_links WHERE mode = 'walk' AND edge_id IS NULL"));

        var stale = await AccessComputation.StaleKindsAsync(db.DataSource, CancellationToken.None);
        Assert.DoesNotContain("youth_club", stale);
        Assert.DoesNotContain("gp", stale);

        // A new youth club at C: only youth_club goes stale, and recomputing it leaves GP results alone.
        var gpComputed = await db.ScalarAsync<DateTime>("SELECT computed_at FROM access.runs WHERE kind = 'gp' AND mode = 'walk'");
        await ExecAsync("INSERT INTO places.facilities (kind, name, source, source_ref, geom) VALUES ('youth_club', 'Synthetic club C', 'synthetic', 'yC', ST_SetSRID(ST_MakePoint(300200, 200000), 27700))");
        stale = await AccessComputation.StaleKindsAsync(db.DataSource, CancellationToken.None);
        Assert.Contains("youth_club", stale);
        Assert.DoesNotContain("gp", stale);

        await AccessComputation.RunAsync(db.DataSource, graph, 1, ["youth_club"], null, CancellationToken.None);
        Assert.Equal(0.0, await TimeAsync("youth_club", "walk", "C"));
        Assert.Equal(400.0, await TimeAsync("youth_club", "walk", "B"));
        Assert.Equal(2, await db.ScalarAsync<int>("SELECT within_15 FROM access.dwelling_times t JOIN places.dwellings d ON d.id = t.dwelling_id WHERE d.source_ref = 'B' AND kind = 'youth_club' AND mode = 'walk'"));
        Assert.Equal(gpComputed, await db.ScalarAsync<DateTime>("SELECT computed_at FROM access.runs WHERE kind = 'gp' AND mode = 'walk'"));
    }

    private async Task<double?> TimeAsync(string kind, string mode, string dwelling)
    {
        await using var cmd = db.DataSource.CreateCommand(
            "SELECT t.seconds FROM access.dwelling_times t JOIN places.dwellings d ON d.id = t.dwelling_id WHERE d.source_ref = $1 AND t.kind = $2 AND t.mode = $3");
        cmd.Parameters.AddWithValue(dwelling);
        cmd.Parameters.AddWithValue(kind);
        cmd.Parameters.AddWithValue(mode);
        var v = await cmd.ExecuteScalarAsync();
        return v is float f ? f : null;
    }
}
