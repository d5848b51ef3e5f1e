using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Osm;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Transit;

namespace CohesionGeo.Benchmarks.Transit;

/// <summary>
/// <c>./cohesiongeo bench transit [--quick]</c>: Range RAPTOR on the real Newport bus + rail feeds
/// (Tuesday 5 March 2024, 08:00–10:00, walk legs on the Newport OSM street network) against the
/// same answers computed minute by minute from scratch (no range reuse), in one run. Also the
/// 95 Newport LSOA population-weighted centroids × GP practices in the Newport area (Welsh GP list,
/// geocoded upstream). A Stopwatch harness (best of a few runs: the machines are shared).
/// </summary>
public static class TransitBenchmark
{
    private static readonly DateOnly Date = new(2024, 3, 5);
    private static readonly LonLat CityCentre = new(-2.9977, 51.5886);

    public static void Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var rows = new List<string> { "| measure | Range RAPTOR | peer (same run) | ratio |", "|---|---|---|---|" };
        var clock = Stopwatch.StartNew();
        var bus = GtfsReader.Read(FindData("gtfs/newport-bus-2024.zip"), "newport-bus-2024");
        var rail = GtfsReader.Read(FindData("gtfs/newport-rail-2024.zip"), "newport-rail-2024");
        rows.Add($"| read + validate GTFS (bus {bus.StopTimes.Count:N0} + rail {rail.StopTimes.Count:N0} stop times) | {clock.Elapsed.TotalSeconds:F1} s | – | – |");

        clock.Restart();
        var timetable = TimetableBuilder.Build([bus, rail], Date);
        rows.Add($"| timetable for {Date:yyyy-MM-dd} ({timetable.TripCount:N0} trips in {timetable.PatternCount:N0} patterns, {timetable.StopCount:N0} stops) | {clock.Elapsed.TotalMilliseconds:F0} ms | – | – |");

        clock.Restart();
        var graph = RoutingGraph.FromNetwork(OsmNetworkReader.ReadFile(FindData("osm/newport-2023-06-13.osm.pbf")));
        var context = new RoutingContext(graph);
        var osmSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var walk = new StreetWalkLegs(timetable, context);
        var router = new TransitRouter(timetable, walk);
        var transfers = router.TransfersFor(WalkSettings.Default);
        rows.Add($"| street walk legs: OSM read {osmSeconds:F1} s ({graph.NodeCount:N0} nodes); {walk.LinkedStopCount:N0} stops linked, {transfers.Count:N0} transfers ≤ 500 m | {clock.Elapsed.TotalSeconds:F1} s | – | – |");

        // One origin, full window, every stop a target.
        var targets = EgressTargets.AllStops(timetable);
        var access = walk.AccessLegs(CityCentre, WalkSettings.Default);
        var search = router.CreateSearch(WalkSettings.Default);
        TravelTimeSamples? samples = null;
        var rangeMs = Best(quick ? 3 : 10, () => samples = search.Run(access, targets, null, 8 * 3600, 10 * 3600));
        var reached = Enumerable.Range(0, timetable.StopCount).Count(s => samples!.Percentile(s, 50) is not null);
        var naiveMs = Best(quick ? 1 : 3, () =>
        {
            for (var m = 0; m < 120; m++)
            {
                search.EarliestArrivals(access, (8 * 3600) + (m * 60));
            }
        });
        rows.Add($"| one origin (city centre), 120 departure minutes, all {timetable.StopCount:N0} stops as targets ({reached:N0} reached at p50) | {rangeMs:F1} ms per origin | 120 single-departure RAPTOR runs {naiveMs:F1} ms | **{naiveMs / rangeMs:F1}×** |");

        // Transit isochrones from the city centre: one Range RAPTOR + one seeded walk search + bands,
        // against the walk isochrones of the same contours (one search + bands) in the same run.
        float[] contours = [300, 600, 900, 1200, 1800];
        TransitIsochroneResult? iso = null;
        var isoMs = Best(quick ? 2 : 5, () => iso = TransitIsochrone.Build(router, CityCentre, TransitWindow.Morning, 50, contours));
        var (cx, cy) = BritishNationalGrid.FromWgs84(CityCentre.Lon, CityCentre.Lat);
        var centre = context.Link(TravelMode.Walk, [(cx, cy)]);
        IReadOnlyList<IsochroneContour>? walkIso = null;
        var walkSearch = context.RentSearch();
        var walkIsoMs = Best(quick ? 2 : 5, () => walkIso = IsochroneBuilder.Build(centre, contours, TravelSettings.Default, walkSearch));
        rows.Add($"| transit isochrones 5/10/15/20/30 min from the city centre, 08:00–10:00 p50 ({iso!.StopsReached} of {iso.StopsLinked} linked stops seed one walk search; 30 min: {iso.Contours[^1].AreaSquareMetres / 1e6:F1} km², walk {walkIso![^1].AreaSquareMetres / 1e6:F1} km²) | {isoMs:F0} ms | walk isochrones, same contours {walkIsoMs:F0} ms | {isoMs / walkIsoMs:F1}× the walk time |");

        // Transit access for every OSM dwelling (what compute access adds for mode transit): one RAPTOR per
        // 200 m cell, all kinds at once; peer: the same with the three isolation kinds only.
        var places = OsmPlacesReader.Read(FindData("osm/newport-2023-06-13.osm.pbf"));
        var homes = places.Dwellings.Select(d => (d.Easting, d.Northing)).ToList();
        var kinds = places.Facilities.GroupBy(f => f.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<LonLat>)[.. g.Select(f => BritishNationalGrid.ToWgs84(f.Easting, f.Northing)).Select(p => new LonLat(p.Lon, p.Lat))])).ToList();
        TransitAccessResult? all = null;
        var allMs = Best(quick ? 1 : 2, () => all = TransitAccess.Compute(router, homes, [.. kinds.Select(k => k.Item2)], TransitWindow.Morning));
        string[] isolation = ["day_centre", "gp", "youth_club"];
        var threeMs = Best(quick ? 1 : 2, () => TransitAccess.Compute(router, homes, [.. kinds.Where(k => isolation.Contains(k.Key)).Select(k => k.Item2)], TransitWindow.Morning));
        var facilityCount = kinds.Sum(k => k.Item2.Count);
        rows.Add($"| transit access, {homes.Count:N0} OSM dwellings in {all!.Clusters:N0} cells of 200 m × {kinds.Count} kinds ({facilityCount} OSM facilities, {all.FacilitiesLinked.Sum()} on the network), 08:00–10:00 p50, {Environment.ProcessorCount} cores | {allMs / 1000:F1} s | the 3 isolation kinds only {threeMs / 1000:F1} s | {allMs / threeMs:F2}× |");

        // Newport LSOA centroids × GP practices.
        var lsoas = NewportCentroids();
        var gps = GpsNear(lsoas);
        var (origins, skippedO) = Linkable(walk, lsoas);
        var (destinations, skippedD) = Linkable(walk, gps);
        TravelTimeSamples[]? matrix = null;
        var matrixMs = Best(quick ? 1 : 3, () => matrix = router.Samples(origins, destinations, TransitWindow.Morning));
        var cells = origins.Count * destinations.Count;
        var reachable = matrix!.Sum(s => Enumerable.Range(0, s.TargetCount).Count(j => s.Percentile(j, 50) is not null));
        var naiveMatrixMs = Best(1, () => Parallel.For(0, origins.Count, () => router.CreateSearch(WalkSettings.Default), (i, _, s) =>
        {
            var acc = walk.AccessLegs(origins[i], WalkSettings.Default);
            for (var m = 0; m < 120; m++)
            {
                s.EarliestArrivals(acc, (8 * 3600) + (m * 60));
            }

            return s;
        }, _ => { }));
        rows.Add($"| {origins.Count} Newport LSOA centroids × {destinations.Count} GP practices, 08:00–10:00, p5–p95 ({reachable:N0} of {cells:N0} pairs reachable at p50; {skippedO} centroids and {skippedD} GPs off the street network skipped), {Environment.ProcessorCount} cores | {matrixMs / 1000:F2} s ({origins.Count / (matrixMs / 1000):F0} origins/s) | every minute from scratch {naiveMatrixMs / 1000:F2} s | **{naiveMatrixMs / matrixMs:F1}×** |");

        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }
    }

    private static List<LonLat> NewportCentroids()
    {
        using var boundaries = JsonDocument.Parse(File.ReadAllText(FindData("lsoa/lsoa11_boundaries.geojson")));
        var newport = boundaries.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties"))
            .Where(p => p.GetProperty("LSOA11NM").GetString()!.StartsWith("Newport ", StringComparison.Ordinal))
            .Select(p => p.GetProperty("LSOA11CD").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
        using var centroids = JsonDocument.Parse(File.ReadAllText(FindData("lsoa/lsoa11_centroids.geojson")));
        return [.. centroids.RootElement.GetProperty("features").EnumerateArray()
            .Where(f => newport.Contains(f.GetProperty("properties").GetProperty("LSOA11CD").GetString()!))
            .Select(f => f.GetProperty("geometry").GetProperty("coordinates"))
            .Select(c => new LonLat(c[0].GetDouble(), c[1].GetDouble()))];
    }

    /// <summary>GP practices (Welsh list, geocoded upstream) inside the box of the centroids.</summary>
    private static List<LonLat> GpsNear(List<LonLat> area)
    {
        var (w, e, s, n) = (area.Min(p => p.Lon), area.Max(p => p.Lon), area.Min(p => p.Lat), area.Max(p => p.Lat));
        var list = new List<LonLat>();
        foreach (var line in File.ReadLines(FindData("gp/wales_gp_geocoded_thf_2020.csv")).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length >= 4
                && double.TryParse(parts[^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                && double.TryParse(parts[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                && lon >= w && lon <= e && lat >= s && lat <= n)
            {
                list.Add(new LonLat(lon, lat));
            }
        }

        return list;
    }

    private static (List<LonLat> Points, int Skipped) Linkable(StreetWalkLegs walk, List<LonLat> points)
    {
        var ok = new List<LonLat>();
        foreach (var p in points)
        {
            try
            {
                walk.EgressLegs(p, WalkSettings.Default);
                ok.Add(p);
            }
            catch (PointLinkException)
            {
                // outside the OSM extract
            }
        }

        return (ok, points.Count - ok.Count);
    }

    /// <summary>Fastest of <paramref name="runs"/> timed runs after one warm-up (JIT), milliseconds.</summary>
    private static double Best(int runs, Action action)
    {
        action();
        return Enumerable.Range(0, runs).Min(_ =>
        {
            var clock = Stopwatch.StartNew();
            action();
            return clock.Elapsed.TotalMilliseconds;
        });
    }

    private static string FindData(string relative) =>
        Path.Combine(CohesionGeo.GeoApi.Hosting.CohesionGeoOptions.FindHome(), "data", relative);
}
