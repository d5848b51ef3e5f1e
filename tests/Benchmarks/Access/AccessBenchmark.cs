using System.Diagnostics;
using CohesionGeo.GeoApi.Access;
using CohesionGeo.GeoApi.Places;
using CohesionGeo.GeoEngine.Accessibility;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.TestSupport;

namespace CohesionGeo.Benchmarks.Access;

/// <summary>
/// <c>./cohesiongeo bench access [--quick]</c>: the full Newport accessibility compute (all kinds × walk,
/// cycle, drive × all dwellings) with its time per stage, cold (dwellings linked) and warm (stored links);
/// the incremental recompute after adding one (synthetic) youth club, as a ratio of the warm full run;
/// and the nearest-GP walk surface by one multi-source search against its peer, the pairwise matrix
/// (one reverse search per GP), in the same run. A fresh throwaway database; prints a Markdown table.
/// </summary>
public static class AccessBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var rows = new List<string> { "| measure | time | peer / note | ratio |", "|---|---|---|---|" };
        var db = new TestDatabase();
        await db.InitializeAsync();
        try
        {
            var data = FindData();
            var clock = Stopwatch.StartNew();
            await OsmNetworkImport.RunAsync(db.DataSource, Path.Combine(data, "osm", "newport-2023-06-13.osm.pbf"));
            rows.Add($"| network import (routing's step) | {clock.Elapsed.TotalSeconds:F1} s | – | – |");
            clock.Restart();
            var places = await PlacesLoader.LoadAsync(db.DataSource, data, new Progress<double>(), CancellationToken.None);
            rows.Add($"| places load | {clock.Elapsed.TotalSeconds:F1} s | {places.FacilitiesByKind.Values.Sum()} facilities, {places.OsmDwellingsAdded + places.CentroidDwellingsAdded} dwellings | – |");

            clock.Restart();
            var (graph, importId) = await AccessGraph.LoadAsync(db.DataSource, data, CancellationToken.None);
            var graphSeconds = clock.Elapsed.TotalSeconds;
            var all = GeoEngine.Places.FacilityKinds.All.ToList();
            var cold = await AccessComputation.RunAsync(db.DataSource, graph, importId, all, null, CancellationToken.None);
            rows.Add($"| full compute, cold ({cold.Kinds.Count} kinds × 3 modes × {cold.Dwellings:N0} dwellings; graph {graphSeconds:F2} s) | {cold.TotalSeconds:F1} s | {Stages(cold)} | – |");
            var warm = await AccessComputation.RunAsync(db.DataSource, graph, importId, all, null, CancellationToken.None);
            rows.Add($"| full compute, stored links | {warm.TotalSeconds:F1} s | {Stages(warm)} | – |");

            await using (var cmd = db.DataSource.CreateCommand(
                "INSERT INTO places.facilities (kind, name, source, source_ref, geom) VALUES ('youth_club', 'Synthetic bench youth club', 'synthetic', 'bench-1', ST_SetSRID(ST_MakePoint(331600, 188500), 27700))"))
            {
                await cmd.ExecuteNonQueryAsync();
            }

            var stale = await AccessComputation.StaleKindsAsync(db.DataSource, CancellationToken.None);
            var incremental = await AccessComputation.RunAsync(db.DataSource, graph, importId, stale, null, CancellationToken.None);
            rows.Add($"| incremental: one youth club added (recomputes {string.Join(", ", stale)}) | {incremental.TotalSeconds:F2} s | full compute with stored links {warm.TotalSeconds:F1} s | **{incremental.TotalSeconds / warm.TotalSeconds:F2}×** |");

            // Surface vs pairwise matrix, nearest GP on foot.
            await using var conn = await db.DataSource.OpenConnectionAsync();
            var dwellings = await AccessStore.ReadDwellingsAsync(conn, PlacesLoader.HexSizeM, CancellationToken.None);
            var gps = await AccessStore.ReadFacilitiesAsync(conn, "gp", CancellationToken.None);
            var linker = new PointLinker(graph, TravelMode.Walk);
            var homes = linker.LinkAll(Enumerable.Range(0, dwellings.Count).Where(i => Linkable(linker, dwellings.X[i], dwellings.Y[i])).Select(i => (dwellings.X[i], dwellings.Y[i])).ToList());
            var targets = linker.LinkAll(Enumerable.Range(0, gps.Count).Where(j => Linkable(linker, gps.X[j], gps.Y[j])).Select(j => (gps.X[j], gps.Y[j])).ToList());
            var runs = quick ? 2 : 5;
            var search = new DijkstraSearch(graph);
            var seeds = new Seed[targets.Count * 2];
            var surfaceMs = Best(runs, () =>
            {
                var n = 0;
                for (var j = 0; j < targets.Count; j++)
                {
                    n += targets.ArrivingSeeds(j, TravelSettings.Default, seeds.AsSpan(n));
                }

                search.Run(TravelMode.Walk, seeds.AsSpan(0, n), new SearchOptions(SearchDirection.Reverse));
                var sink = 0f;
                for (var i = 0; i < homes.Count; i++)
                {
                    sink += homes.SecondsAfter(i, search.Seconds, SearchDirection.Reverse, TravelSettings.Default);
                }

                GC.KeepAlive(sink);
            });
            var matrixMs = Best(runs, () => GC.KeepAlive(TravelTimeMatrix.Compute(homes, targets, TravelSettings.Default, float.PositiveInfinity, search)));
            rows.Add($"| nearest GP on foot for {homes.Count:N0} dwellings, {targets.Count} GPs: one multi-source surface | {surfaceMs:F1} ms | pairwise matrix (one search per GP) {matrixMs:F0} ms | **{matrixMs / surfaceMs:F1}×** |");
            var counts = Best(runs, () => ServiceAccessCalculator.Compute(homes, targets, TravelSettings.Default, null, Environment.ProcessorCount));
            rows.Add($"| the same with counts within 15/30 min (30-min cut-off search per GP) | {counts:F1} ms | – | – |");
        }
        finally
        {
            await db.DisposeAsync();
        }

        Console.WriteLine($"Access benchmark, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }
    }

    private static bool Linkable(PointLinker linker, double x, double y)
    {
        try
        {
            linker.Link(x, y);
            return true;
        }
        catch (PointLinkException)
        {
            return false;
        }
    }

    private static string Stages(AccessComputeReport r) => string.Join(", ", r.Stages.Select(s => $"{s.Stage} {s.Seconds:F2} s"));

    private static double Best(int runs, Action action)
    {
        action();
        var best = double.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    private static string FindData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CohesionGeo.sln")))
            {
                return Path.Combine(dir.FullName, "data");
            }
        }

        throw new DirectoryNotFoundException("data/ not found");
    }
}
