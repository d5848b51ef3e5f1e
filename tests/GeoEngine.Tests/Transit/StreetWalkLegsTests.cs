using System.Globalization;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Tests.Routing;
using CohesionGeo.GeoEngine.Transit;

namespace CohesionGeo.GeoEngine.Tests.Transit;

/// <summary>
/// Walk legs on a SYNTHETIC hand-built street: A —1000 m— B —1000 m— C in an L (A to C is 1414 m as
/// the crow flies, 2000 m on the street). Walk cost = length / 4.8 km/h.
/// </summary>
public class StreetWalkLegsTests
{
    private const double Speed = 4.8 / 3.6;
    private static readonly (double X, double Y) A = (331000, 188000), B = (332000, 188000), C = (332000, 189000);

    private static (Timetable Timetable, StreetWalkLegs Walk) Build()
    {
        var graph = new TinyGraph()
            .Node('a', A.X, A.Y).Node('b', B.X, B.Y).Node('c', C.X, C.Y)
            .Edge('a', 'b', 1000 / Speed).Edge('b', 'c', 1000 / Speed)
            .Build();
        string Stop(string id, (double X, double Y) p)
        {
            var (lon, lat) = BritishNationalGrid.ToWgs84(p.X, p.Y);
            return string.Create(CultureInfo.InvariantCulture, $"{id},{id},{lat:0.0000000},{lon:0.0000000}\n");
        }

        var files = TinyFeed.Files("R1,WD,T1\n", "T1,08:00:00,08:00:00,PA,1\nT1,08:10:00,08:10:00,PB,2\nT1,08:20:00,08:20:00,PC,3\n");
        files["stops.txt"] = "stop_id,stop_name,stop_lat,stop_lon\n" + Stop("PA", A) + Stop("PB", B) + Stop("PC", C);
        var tt = TimetableBuilder.Build([TinyFeed.Read(files)], TinyFeed.Tuesday);
        return (tt, new StreetWalkLegs(tt, new RoutingContext(graph)));
    }

    private static LonLat Wgs((double X, double Y) p)
    {
        var (lon, lat) = BritishNationalGrid.ToWgs84(p.X, p.Y);
        return new LonLat(lon, lat);
    }

    [Fact]
    public void Transfers_follow_the_street_not_the_straight_line()
    {
        var (tt, walk) = Build();
        var settings = new WalkSettings(MaxTransferM: 1500);

        var transfers = walk.Transfers(settings).ToList();

        var pa = tt.FindStop("tiny", "PA");
        var pb = tt.FindStop("tiny", "PB");
        var pc = tt.FindStop("tiny", "PC");
        Assert.Equal(3, walk.LinkedStopCount);
        var ab = Assert.Single(transfers, t => t.From == pa && t.To == pb);
        Assert.InRange(ab.Seconds, (1000 / Speed) - 2, (1000 / Speed) + 2);
        Assert.DoesNotContain(transfers, t => t.From == pa && t.To == pc); // 2000 m on the street > 1500 m
    }

    [Fact]
    public void Access_and_direct_walks_are_street_distances()
    {
        var (tt, walk) = Build();
        var origin = Wgs((A.X + 100, A.Y + 20)); // 100 m along A-B, 20 m off the street
        var settings = new WalkSettings(MaxWalkM: 1500, MaxDirectWalkM: 3000);

        var access = walk.AccessLegs(origin, settings);
        var direct = walk.DirectSeconds(origin, [Wgs(C)], settings)[0];

        var pb = tt.FindStop("tiny", "PB");
        Assert.Contains(access, l => l.Stop == tt.FindStop("tiny", "PA"));
        Assert.InRange(Assert.Single(access, l => l.Stop == pb).Seconds, (920 / Speed) - 2, (920 / Speed) + 2);
        Assert.DoesNotContain(access, l => l.Stop == tt.FindStop("tiny", "PC")); // 1900 m on the street
        Assert.InRange(direct, (1920 / Speed) - 2, (1920 / Speed) + 2);
    }
}
