using System.Diagnostics;
using System.Globalization;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.TestSupport;
using Npgsql;

namespace CohesionGeo.Benchmarks.Routing;

/// <summary>
/// <c>./cohesiongeo bench routing [--quick]</c>: the routing engine against pgRouting on the same edges in one
/// run (multi-source surface vs <c>pgr_drivingDistance</c>, 1×1,000 matrix vs <c>pgr_dijkstraCost</c>), the
/// Newport import, and synthetic grid networks (labelled synthetic) of 10k–4M nodes. Prints a Markdown table.
/// A custom harness (Stopwatch, best of a few runs on both sides: the machines are shared, and the minimum is the least disturbed) rather than BenchmarkDotNet, to keep the run to minutes.
/// </summary>
public static class RoutingBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var rows = new List<string>
        {
            "| measure | this engine | peer (same run) | ratio |",
            "|---|---|---|---|",
        };

        var db = new TestDatabase();
        await db.InitializeAsync();
        try
        {
            var pbf = DataFiles.Find("osm/newport-2023-06-13.osm.pbf");
            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var import = await OsmNetworkImport.RunAsync(db.DataSource, pbf);
            var importSeconds = clock.Elapsed.TotalSeconds;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            rows.Add($"| Newport PBF import ({import.Nodes:N0} nodes, {import.Edges:N0} edges; read, profile, COPY) | {importSeconds:F1} s, {allocated / 1e6:F0} MB allocated, peak working set {peak / 1e6:F0} MB | – | – |");

            clock.Restart();
            var loaded = (await NetworkReader.ReadAsync(db.DataSource))!;
            var graph = loaded.Graph;
            rows.Add($"| graph load from PostGIS | {clock.Elapsed.TotalMilliseconds:F0} ms; {graph.BytesPerDirectedEdge:F1} B per directed edge ({graph.RoutingBytes / 1e6:F2} MB routing arrays) | – | – |");

            var search = new DijkstraSearch(graph);
            foreach (var mode in new[] { TravelMode.Walk, TravelMode.Drive })
            {
                var (roots, rootLabel) = await RootsAsync(db.DataSource, loaded, mode);
                var seeds = roots.Select(r => new Seed(r, 0)).ToArray();
                var engineMs = Best(quick ? 5 : 10, () => search.Run(mode, seeds, SearchOptions.Default));
                var reached = search.Reached.Length;
                var (pgrMs, pgrRows) = await PgrSurfaceAsync(db.DataSource, PgRoutingEdges.Sql[mode], roots.Select(r => loaded.NodeIds[r]).ToArray(), quick ? 5 : 10);
                rows.Add($"| {mode.ToWire()} surface from {roots.Length} {rootLabel}, whole network ({reached:N0} nodes reached) | {engineMs:F2} ms | pgr_drivingDistance equicost {pgrMs:F0} ms ({pgrRows:N0} rows) | **{pgrMs / engineMs:F0}×** |");
                if (mode == TravelMode.Walk)
                {
                    // The same surface carrying route lengths (dossier route_length_m) against the time-only run, same run.
                    var zero = new int[seeds.Length];
                    var withLengthsMs = Best(quick ? 5 : 10, () => search.RunWithLengths(mode, seeds, zero, SearchOptions.Default));
                    var timeOnlyMs = Best(quick ? 5 : 10, () => search.Run(mode, seeds, SearchOptions.Default));
                    rows.Add($"| walk surface as above, carrying route lengths (RunWithLengths) | {withLengthsMs:F2} ms | time-only Run {timeOnlyMs:F2} ms | {withLengthsMs / timeOnlyMs:F2}× the time |");
                }
            }

            {
                var random = new Random(1000);
                var walkable = Enumerable.Range(0, graph.NodeCount).Where(v => Touches(graph, v, TravelMode.Walk)).ToArray();
                var origin = walkable[random.Next(walkable.Length)];
                var targets = Enumerable.Range(0, 1000).Select(_ => walkable[random.Next(walkable.Length)]).ToArray();
                var sink = 0f;
                var engineMs = Best(quick ? 5 : 10, () =>
                {
                    search.Run(TravelMode.Walk, [new Seed(origin, 0)], SearchOptions.Default);
                    foreach (var t in targets)
                    {
                        sink += search.Seconds[t];
                    }
                });
                var pgrMs = await PgrMatrixAsync(db.DataSource, loaded.NodeIds[origin], targets.Select(t => loaded.NodeIds[t]).Distinct().ToArray(), quick ? 5 : 10);
                rows.Add($"| walk matrix 1 × 1,000 nodes | {engineMs:F2} ms | pgr_dijkstraCost {pgrMs:F0} ms | **{pgrMs / engineMs:F0}×** |");
                GC.KeepAlive(sink);
            }

            // Isochrones (5, 10, 15, 20, 30 min) from Newport city centre, no peer (pgRouting has no polygons).
            var context = new RoutingContext(graph);
            var (cx, cy) = BritishNationalGrid.FromWgs84(-2.9975, 51.5884);
            foreach (var mode in new[] { TravelMode.Walk, TravelMode.Drive })
            {
                var origin = context.Link(mode, [(cx, cy)]);
                var contours = Array.Empty<IsochroneContour>() as IReadOnlyList<IsochroneContour>;
                var ms = Best(3, () => contours = IsochroneBuilder.Build(origin, [300f, 600f, 900f, 1200f, 1800f], TravelSettings.Default, search));
                rows.Add($"| {mode.ToWire()} isochrones 5/10/15/20/30 min from the city centre ({contours[^1].AreaSquareMetres / 1e6:F1} km² at 30 min) | {ms:F0} ms | – | – |");
            }
        }
        finally
        {
            await db.DisposeAsync();
        }

        rows.Add(string.Empty);
        rows.Add("Synthetic grid networks (generated, labelled synthetic; 4-neighbour lattice, 80–120 m edges, walk 4.8 km/h, drive 18.3–43.2 km/h); surface = 30 spread roots, whole graph, drive:");
        rows.Add(string.Empty);
        rows.Add("| nodes | directed edges | build | surface (best of runs) | ns per settled node | routing bytes / directed edge |");
        rows.Add("|---|---|---|---|---|---|");
        var sides = quick ? new[] { 100, 316 } : new[] { 100, 316, 1000, 2000 };
        foreach (var side in sides)
        {
            rows.Add(SyntheticGrid(side, quick ? 3 : 5));
            GC.Collect();
        }

        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }
    }

    private static string SyntheticGrid(int side, int runs)
    {
        var n = side * side;
        var m = 2 * side * (side - 1);
        var source = new int[m];
        var target = new int[m];
        var seconds = new double[TravelModes.Count][];
        for (var k = 0; k < TravelModes.Count; k++)
        {
            seconds[k] = new double[m];
        }

        var random = new Random(side);
        var e = 0;
        for (var r = 0; r < side; r++)
        {
            for (var c = 0; c < side; c++)
            {
                var v = (r * side) + c;
                if (c + 1 < side)
                {
                    Add(v, v + 1, r % 10 == 0);
                }

                if (r + 1 < side)
                {
                    Add(v, v + side, c % 10 == 0);
                }
            }
        }

        void Add(int a, int b, bool mainRoad)
        {
            var metres = 80 + (random.NextDouble() * 40);
            source[e] = a;
            target[e] = b;
            seconds[(int)TravelMode.Walk][e] = metres / (4.8 / 3.6);
            seconds[(int)TravelMode.Cycle][e] = metres / (16 / 3.6);
            seconds[(int)TravelMode.Drive][e] = metres / ((mainRoad ? 43.2 : 18.3) / 3.6);
            e++;
        }

        var clock = Stopwatch.StartNew();
        var graph = RoutingGraph.Build(n, source, target, seconds, seconds);
        var buildMs = clock.Elapsed.TotalMilliseconds;
        seconds = null!;
        var roots = new List<Seed>();
        for (var i = 0; i < 30; i++)
        {
            var r = (int)((i % 6 + 0.5) / 6 * side);
            var c = (int)((i / 6 + 0.5) / 5 * side);
            roots.Add(new Seed((r * side) + c, 0));
        }

        var search = new DijkstraSearch(graph);
        var surfaceMs = Best(runs, () => search.Run(TravelMode.Drive, roots.ToArray(), SearchOptions.Default));
        var settled = search.SettledCount;
        return $"| {n:N0} | {graph.SlotCount:N0} | {buildMs:F0} ms | {surfaceMs:F1} ms | {surfaceMs * 1e6 / settled:F0} | {graph.BytesPerDirectedEdge:F1} |";
    }

    private static bool Touches(RoutingGraph graph, int v, TravelMode mode)
    {
        var forward = graph.ForwardSeconds(mode);
        for (var s = graph.FirstSlot[v]; s < graph.FirstSlot[v + 1]; s++)
        {
            if (float.IsFinite(forward[s]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>GP locations when places.facilities has them; else 30 well-spread routable nodes (farthest-point sampling).</summary>
    private static async Task<(int[] Roots, string Label)> RootsAsync(NpgsqlDataSource dataSource, LoadedNetwork loaded, TravelMode mode)
    {
        var graph = loaded.Graph;
        var candidates = Enumerable.Range(0, graph.NodeCount).Where(v => Touches(graph, v, mode)).ToArray();
        var xy = new Dictionary<int, (double X, double Y)>();
        await using (var cmd = dataSource.CreateCommand("SELECT id, ST_X(geom), ST_Y(geom) FROM network.nodes"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            var index = loaded.NodeIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
            while (await reader.ReadAsync())
            {
                xy[index[reader.GetInt64(0)]] = (reader.GetDouble(1), reader.GetDouble(2));
            }
        }

        // GP practices: places.facilities when loaded, else data/gp's geocoded Welsh GP list (lat/long columns).
        var gps = new List<(double X, double Y)>();
        await using (var cmd = dataSource.CreateCommand("SELECT ST_X(geom), ST_Y(geom) FROM places.facilities WHERE kind = 'gp'"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                gps.Add((reader.GetDouble(0), reader.GetDouble(1)));
            }
        }

        var label = "GP practices (places.facilities)";
        if (gps.Count == 0)
        {
            label = "GP practices (data/gp geocoded list)";
            foreach (var line in File.ReadLines(DataFiles.Find("gp/wales_gp_geocoded_thf_2020.csv")).Skip(1))
            {
                var f = line.Split(',');
                if (f.Length >= 4 && double.TryParse(f[^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) && double.TryParse(f[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
                {
                    gps.Add(BritishNationalGrid.FromWgs84(lon, lat));
                }
            }
        }

        // Keep the practices within 300 m of the mode's network; each becomes its linked edge's nearer vertex.
        var linker = new PointLinker(graph, mode, 300);
        var gpRoots = new HashSet<int>();
        foreach (var (x, y) in gps)
        {
            try
            {
                var p = linker.Link(x, y);
                gpRoots.Add(p.Fraction < 0.5 ? graph.EdgeSource(p.Edge) : graph.EdgeTarget(p.Edge));
            }
            catch (PointLinkException)
            {
                // outside the extract
            }
        }

        if (gpRoots.Count >= 5)
        {
            return (gpRoots.ToArray(), label);
        }

        var roots = new List<int> { candidates[0] };
        var best = candidates.Select(v => Dist(v, roots[0])).ToArray();
        while (roots.Count < 30)
        {
            var pick = Array.IndexOf(best, best.Max());
            roots.Add(candidates[pick]);
            for (var i = 0; i < candidates.Length; i++)
            {
                best[i] = Math.Min(best[i], Dist(candidates[i], candidates[pick]));
            }
        }

        return (roots.ToArray(), "well-spread nodes (no GP within the network)");

        double Dist(int a, int b) => Math.Pow(xy[a].X - xy[b].X, 2) + Math.Pow(xy[a].Y - xy[b].Y, 2);
    }

    private static async Task<(double Ms, long Rows)> PgrSurfaceAsync(NpgsqlDataSource dataSource, string edgeSql, long[] roots, int runs)
    {
        var times = new List<double>();
        long rows = 0;
        for (var i = 0; i < runs; i++)
        {
            await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM pgr_drivingDistance($1, $2::bigint[], 1e9, true, true)");
            cmd.Parameters.AddWithValue(edgeSql);
            cmd.Parameters.AddWithValue(roots);
            var clock = Stopwatch.StartNew();
            rows = (long)(await cmd.ExecuteScalarAsync())!;
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return (times.Min(), rows);
    }

    private static async Task<double> PgrMatrixAsync(NpgsqlDataSource dataSource, long origin, long[] targets, int runs)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM pgr_dijkstraCost($1, $2::bigint, $3::bigint[], true)");
            cmd.Parameters.AddWithValue(PgRoutingEdges.Sql[TravelMode.Walk]);
            cmd.Parameters.AddWithValue(origin);
            cmd.Parameters.AddWithValue(targets);
            var clock = Stopwatch.StartNew();
            await cmd.ExecuteScalarAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times.Min();
    }

    private static double Best(int runs, Action action)
    {
        action(); // warm-up (JIT)
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        return times.Min();
    }
}
