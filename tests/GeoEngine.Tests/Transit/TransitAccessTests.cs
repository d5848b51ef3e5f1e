using System.Globalization;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Osm;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Transit;
using Xunit.Abstractions;

namespace CohesionGeo.GeoEngine.Tests.Transit;

/// <summary>
/// Transit access to the nearest GP on the real Newport street network, feeds and OSM dwellings
/// (Tuesday 5 March 2024, 08:00–10:00, p50), against the exact answer: one Range RAPTOR per dwelling
/// to every GP (<see cref="TransitRouter.Samples"/>, direct walk included), nearest per minute, then the
/// percentile.
/// </summary>
public class TransitAccessTests(ITestOutputHelper output)
{
    private static readonly Lazy<(TransitRouter Router, List<(double X, double Y)> Dwellings, List<LonLat> Gps)> Data = new(Load);

    private static (TransitRouter, List<(double X, double Y)>, List<LonLat>) Load()
    {
        var pbf = RepoData.Path("osm", "newport-2023-06-13.osm.pbf");
        var context = new RoutingContext(RoutingGraph.FromNetwork(OsmNetworkReader.ReadFile(pbf)));
        var feeds = new NewportFeeds();
        var router = new TransitRouter(feeds.Timetable, new StreetWalkLegs(feeds.Timetable, context));
        var dwellings = OsmPlacesReader.Read(pbf).Dwellings.Select(d => (d.Easting, d.Northing)).ToList();
        var (w, e, s, n) = (-3.10, -2.85, 51.53, 51.63);
        var gps = new List<LonLat>();
        foreach (var line in File.ReadLines(RepoData.Path("gp", "wales_gp_geocoded_thf_2020.csv")).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length >= 4
                && double.TryParse(parts[^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                && double.TryParse(parts[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                && lon >= w && lon <= e && lat >= s && lat <= n)
            {
                gps.Add(new LonLat(lon, lat));
            }
        }

        // Only GPs on the street network (the exact side cannot route to the others at all).
        var linkable = gps.Where(g =>
        {
            try
            {
                router.WalkLegs.EgressLegs(g, WalkSettings.Default);
                return true;
            }
            catch (PointLinkException)
            {
                return false;
            }
        }).ToList();
        return (router, dwellings, linkable);
    }

    /// <summary>Every dwelling of some 200 m cells spread over the city (every 25th occupied cell).</summary>
    private static List<(double X, double Y)> SomeCells(List<(double X, double Y)> all)
    {
        var cells = all.GroupBy(p => ((long)Math.Floor(p.X / TransitAccess.DefaultCellMetres), (long)Math.Floor(p.Y / TransitAccess.DefaultCellMetres)))
            .OrderBy(g => g.Key).Where((_, i) => i % 25 == 0);
        return [.. cells.SelectMany(g => g)];
    }

    /// <summary>Exact per dwelling: p-th percentile over minutes of the nearest GP (transit or walking).</summary>
    private static float[] Exact(TransitRouter router, List<(double X, double Y)> points, List<LonLat> gps, TransitWindow window)
    {
        var origins = points.Select(p => BritishNationalGrid.ToWgs84(p.X, p.Y)).Select(p => new LonLat(p.Lon, p.Lat)).ToList();
        var result = new float[points.Count];
        for (var i = 0; i < origins.Count; i++)
        {
            try
            {
                var s = router.Samples([origins[i]], gps, window)[0];
                var column = Enumerable.Range(0, s.DepartureSeconds.Length).Select(m => Enumerable.Range(0, s.TargetCount).Min(j => s.At(m, j))).Order().ToArray();
                var v = column[(int)Math.Ceiling(0.5 * column.Length) - 1];
                result[i] = v == TravelTimeSamples.Unreachable ? float.PositiveInfinity : v;
            }
            catch (PointLinkException)
            {
                result[i] = float.NaN;
            }
        }

        return result;
    }

    /// <summary>The approximation's answer: min(direct walk to the nearest GP, transit from the cell).</summary>
    private static float[] Approximate(TransitRouter router, List<(double X, double Y)> points, List<LonLat> gps, TransitWindow window, double cell, IReadOnlyList<int>? only = null)
    {
        var transit = TransitAccess.Compute(router, points, [gps], window, 50, cell).TransitSeconds[0];
        var result = new float[points.Count];
        foreach (var i in only ?? Enumerable.Range(0, points.Count).ToList())
        {
            var (lon, lat) = BritishNationalGrid.ToWgs84(points[i].X, points[i].Y);
            try
            {
                var walk = router.WalkLegs.DirectSeconds(new LonLat(lon, lat), gps, window.Walk).Where(t => t >= 0).DefaultIfEmpty(int.MaxValue).Min();
                result[i] = MathF.Min(walk == int.MaxValue ? float.PositiveInfinity : walk, transit[i]);
            }
            catch (PointLinkException)
            {
                result[i] = float.NaN;
            }
        }

        return result;
    }

    [Fact]
    public void Routing_every_dwelling_alone_gives_exactly_the_per_dwelling_answer()
    {
        var (router, dwellings, gps) = Data.Value;
        var sample = SomeCells(dwellings).Where((_, i) => i % 10 == 0).Take(40).ToList();

        var exact = Exact(router, sample, gps, TransitWindow.Morning);
        var alone = Approximate(router, sample, gps, TransitWindow.Morning, cell: 0);

        Assert.True(exact.Count(float.IsFinite) > 20);
        for (var i = 0; i < sample.Count; i++)
        {
            Assert.True(exact[i].Equals(alone[i]), $"dwelling {i}: exact {exact[i]} s, alone {alone[i]} s");
        }
    }

    [Fact]
    public void Cells_of_200_m_stay_close_to_the_per_dwelling_answer()
    {
        var (router, dwellings, gps) = Data.Value;
        var cells = SomeCells(dwellings);
        var sample = Enumerable.Range(0, cells.Count).Where(i => i % 7 == 0).ToList();

        var approx = Approximate(router, cells, gps, TransitWindow.Morning, TransitAccess.DefaultCellMetres, sample);
        var exact = Exact(router, [.. sample.Select(i => cells[i])], gps, TransitWindow.Morning);

        var errors = new List<double>();
        var disagree = 0;
        for (var k = 0; k < sample.Count; k++)
        {
            var a = approx[sample[k]];
            var x = exact[k];
            if (float.IsNaN(x))
            {
                continue;
            }

            if (float.IsFinite(a) != float.IsFinite(x))
            {
                disagree++;
                continue;
            }

            if (float.IsFinite(x))
            {
                errors.Add(a - x);
            }
        }

        var abs = errors.Select(Math.Abs).Order().ToList();
        var mean = abs.Average();
        var p90 = abs[(int)Math.Ceiling(0.9 * abs.Count) - 1];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{cells.Count} dwellings in {cells.Select(p => ((long)Math.Floor(p.X / 200), (long)Math.Floor(p.Y / 200))).Distinct().Count()} cells; {errors.Count} sampled: mean |error| {mean:F0} s, p90 {p90:F0} s, max {abs[^1]:F0} s, mean signed {errors.Average():F0} s, reachability disagrees {disagree}"));
        Assert.True(errors.Count > 50);
        Assert.True(disagree <= errors.Count / 20, $"{disagree} dwellings disagree on reachability");
        Assert.True(mean <= 120, $"mean |error| {mean:F0} s");
        Assert.True(p90 <= 300, $"p90 |error| {p90:F0} s");
    }
}
