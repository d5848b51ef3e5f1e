using System.Globalization;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Tests.Routing;
using CohesionGeo.GeoEngine.Transit;
using NetTopologySuite.Geometries;

namespace CohesionGeo.GeoEngine.Tests.Transit;

/// <summary>
/// Transit isochrones on a SYNTHETIC hand-drawn street and a SYNTHETIC tiny feed (walk 1 m per 0.75 s):
/// <code>
///   a ──800 m── b ─────────4,200 m───────── c ──600 m── d
///   PA (10 m off a)                        PC (10 m off c)
/// </code>
/// A bus PA → PC takes 5 minutes, leaving at 08:05, 08:15, 08:25 and 08:35; the origin stands 5 m off a.
/// Walking, c is over an hour away; by bus it is about ten minutes.
/// </summary>
public class TransitIsochroneTests
{
    private const double Speed = 4.8 / 3.6;
    private static readonly (double X, double Y) A = (331000, 188000), B = (331800, 188000), C = (336000, 188000), D = (336600, 188000);
    private static readonly int[] BusMinutes = [5, 15, 25, 35];

    private static (TransitRouter Router, RoutingContext Context) Build()
    {
        var graph = new TinyGraph()
            .Node('a', A.X, A.Y).Node('b', B.X, B.Y).Node('c', C.X, C.Y).Node('d', D.X, D.Y)
            .Edge('a', 'b', 800 / Speed).Edge('b', 'c', 4200 / Speed).Edge('c', 'd', 600 / Speed)
            .Build();
        static string Stop(string id, (double X, double Y) p)
        {
            var (lon, lat) = BritishNationalGrid.ToWgs84(p.X, p.Y + 10);
            return string.Create(CultureInfo.InvariantCulture, $"{id},{id},{lat:0.00000000},{lon:0.00000000}\n");
        }

        var trips = string.Concat(BusMinutes.Select(m => $"R1,WD,T{m}\n"));
        var times = string.Concat(BusMinutes.Select(m => string.Create(CultureInfo.InvariantCulture, $"T{m},08:{m:00}:00,08:{m:00}:00,PA,1\nT{m},08:{m + 5:00}:00,08:{m + 5:00}:00,PC,2\n")));
        var files = TinyFeed.Files(trips, times);
        files["stops.txt"] = "stop_id,stop_name,stop_lat,stop_lon\n" + Stop("PA", A) + Stop("PC", C);
        var tt = TimetableBuilder.Build([TinyFeed.Read(files)], TinyFeed.Tuesday);
        var context = new RoutingContext(graph);
        return (new TransitRouter(tt, new StreetWalkLegs(tt, context)), context);
    }

    private static LonLat Origin()
    {
        var (lon, lat) = BritishNationalGrid.ToWgs84(A.X, A.Y + 5);
        return new LonLat(lon, lat);
    }

    /// <summary>Hand-worked seconds from the origin to PC at the percentile: walk 15 m to PA, 60 s board slack, next bus, 5 min ride.</summary>
    private static int ExpectedAtPc(int windowMinutes, int percentile)
    {
        var access = (int)Math.Ceiling(15 / Speed);
        var times = new List<int>();
        for (var m = 0; m < windowMinutes; m++)
        {
            var ready = (m * 60) + access + 60;
            var bus = BusMinutes.First(b => b * 60 >= ready);
            times.Add(((bus + 5) * 60) - (m * 60));
        }

        times.Sort();
        return times[(int)Math.Ceiling(percentile / 100.0 * times.Count) - 1];
    }

    [Fact]
    public void Transit_isochrone_contains_the_walk_one_and_the_area_reached_only_by_bus()
    {
        var (router, context) = Build();
        var window = new TransitWindow(8 * 3600, 30, WalkSettings.Default);
        const float limit = 15 * 60;

        var transit = TransitIsochrone.Build(router, Origin(), window, 50, [limit]);
        var origin = context.Link(TravelMode.Walk, [(A.X, A.Y + 5)]);
        var walk = IsochroneBuilder.Build(origin, [limit], TravelSettings.Default, new DijkstraSearch(context.Graph));

        var t = transit.Contours[0].Geometry;
        var w = walk[0].Geometry;
        Assert.Equal(2, transit.StopsReached); // PA on foot, PC by bus
        Assert.True(t.Buffer(0.01).Covers(w), "the transit isochrone contains the walk isochrone");
        Assert.True(transit.Contours[0].AreaSquareMetres > walk[0].AreaSquareMetres);

        // Along c–d: reachable up to (limit − time at PC − 10 m off the street) × speed from c.
        var atPc = ExpectedAtPc(30, 50);
        var along = ((limit - atPc) * Speed) - 10;
        Assert.InRange(along, 100, 500); // the hand-made case is meant to end part-way along c–d
        Assert.True(t.Covers(Pt(C.X + along - 20, C.Y)), "reached by bus then on foot");
        Assert.False(w.Covers(Pt(C.X + along - 20, C.Y)), "walking alone does not get there");
        Assert.False(t.Covers(Pt(C.X + along + IsochroneBuilder.BufferMetres + 15, C.Y)), "beyond the walk left after the bus");
        Assert.False(t.Covers(Pt(C.X - along - IsochroneBuilder.BufferMetres - 15, C.Y)), "nor back towards b beyond it");
        Assert.False(t.Covers(Pt((B.X + C.X) / 2, B.Y)), "the middle of b–c is reached neither way");
    }

    [Fact]
    public void A_later_percentile_never_reaches_further()
    {
        var (router, _) = Build();
        var window = new TransitWindow(8 * 3600, 30, WalkSettings.Default);

        var p25 = TransitIsochrone.Build(router, Origin(), window, 25, [900f]).Contours[0];
        var p90 = TransitIsochrone.Build(router, Origin(), window, 90, [900f]).Contours[0];

        Assert.True(ExpectedAtPc(30, 25) < ExpectedAtPc(30, 90));
        Assert.True(p25.AreaSquareMetres > p90.AreaSquareMetres);
        Assert.True(p25.Geometry.Buffer(0.01).Covers(p90.Geometry));
    }

    private static Point Pt(double x, double y) => BritishNationalGrid.Factory.CreatePoint(new Coordinate(x, y));
}
