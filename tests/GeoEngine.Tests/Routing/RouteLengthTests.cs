using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;

namespace CohesionGeo.GeoEngine.Tests.Routing;

/// <summary>Route lengths carried by the one Dijkstra, on a hand-drawn graph whose fastest route is not the shortest.</summary>
public class RouteLengthTests
{
    //            C (500, 800)
    //          /   \          A–C and C–B: 943.398 m each, 100 s each (a fast road)
    //         /     \
    //   A (0,0) ----- B (1000, 0)   A–B: 1,000 m, 600 s (a slow lane)
    //
    // Fastest A→B: via C, 200 s and 1,886.796 m; shortest: the lane, 1,000 m.
    private static readonly double Side = Math.Sqrt((500 * 500) + (800 * 800));

    private static (RoutingGraph Graph, TinyGraph Names) Detour()
    {
        var t = new TinyGraph().Node('A', 0, 0).Node('B', 1000, 0).Node('C', 500, 800)
            .Edge('A', 'B', 600).Edge('A', 'C', 100).Edge('C', 'B', 100);
        return (t.Build(), t);
    }

    [Theory]
    [InlineData(SearchDirection.Forward)]
    [InlineData(SearchDirection.Reverse)]
    public void The_length_is_that_of_the_fastest_route_not_the_shortest(SearchDirection direction)
    {
        var (g, n) = Detour();
        var search = new DijkstraSearch(g);
        search.RunWithLengths(TravelMode.Walk, [new Seed(n['A'], 0)], [0], new SearchOptions(direction));
        Assert.Equal(200f, search.Seconds[n['B']]);
        Assert.Equal(2 * (long)Math.Round(Side * 1000), search.LengthsMm[n['B']]);
        Assert.Equal((long)Math.Round(Side * 1000), search.LengthsMm[n['C']]);
        Assert.Equal(0, search.LengthsMm[n['A']]);

        // The time-only run gives the same times.
        var times = search.Seconds.ToArray();
        search.Run(TravelMode.Walk, [new Seed(n['A'], 0)], new SearchOptions(direction));
        Assert.Equal(times, search.Seconds.ToArray());
    }

    [Fact]
    public void Seed_lengths_are_added()
    {
        var (g, n) = Detour();
        var search = new DijkstraSearch(g);
        search.RunWithLengths(TravelMode.Walk, [new Seed(n['A'], 5), new Seed(n['B'], 500)], [7_000, 3_000], SearchOptions.Default);
        Assert.Equal(7_000 + (long)Math.Round(Side * 1000), search.LengthsMm[n['C']]);
        Assert.Equal(7_000 + (2 * (long)Math.Round(Side * 1000)), search.LengthsMm[n['B']]); // A's seed (205 s) beats B's own (500 s)
    }

    [Fact]
    public void Matrix_lengths_include_both_off_network_legs_and_the_partial_edges()
    {
        var (g, _) = Detour();
        var linker = new PointLinker(g, TravelMode.Walk);
        var origin = linker.LinkAll([(0, -40)]);            // on A–B at A, 40 m off
        var destination = linker.LinkAll([(1000, -30)]);    // on A–B at B, 30 m off
        var settings = TravelSettings.Default;

        var (seconds, metres) = TravelTimeMatrix.ComputeWithLengths(origin, destination, settings);

        Assert.Equal(TravelTimeMatrix.Compute(origin, destination, settings)[0][0], seconds[0][0]);
        Assert.Equal(30 + 200 + 22.5, seconds[0][0], 3); // the walk off at 4/3 m/s, the detour, the walk on
        Assert.Equal(40 + (2 * Side) + 30, metres[0][0], 2);
    }

    [Fact]
    public void Two_points_on_one_edge_measure_the_stretch_between_their_feet()
    {
        var (g, _) = Detour();
        var linker = new PointLinker(g, TravelMode.Walk);
        var origin = linker.LinkAll([(100, -40)]);       // 0.1 along A–B
        var destination = linker.LinkAll([(300, -30)]);  // 0.3 along A–B
        var settings = TravelSettings.Default;

        var (seconds, metres) = TravelTimeMatrix.ComputeWithLengths(origin, destination, settings);

        Assert.Equal(120 + 30 + 22.5, seconds[0][0], 3);  // 0.2 of the 600 s lane beats going round by C
        Assert.Equal(200 + 40 + 30, metres[0][0], 2);
    }

    [Fact]
    public void Several_origins_use_the_reverse_search_and_give_the_same_lengths()
    {
        var (g, _) = Detour();
        var linker = new PointLinker(g, TravelMode.Walk);
        var origins = linker.LinkAll([(0, -40), (100, -40), (520, 810)]);
        var destination = linker.LinkAll([(1000, -30)]);
        var settings = TravelSettings.Default;

        var (seconds, metres) = TravelTimeMatrix.ComputeWithLengths(origins, destination, settings); // 3 × 1: reverse
        for (var i = 0; i < origins.Count; i++)
        {
            var (s1, m1) = TravelTimeMatrix.ComputeWithLengths(linker.LinkAll([(origins[i].X, origins[i].Y)]), destination, settings); // 1 × 1: forward
            Assert.Equal(s1[0][0], seconds[i][0]);
            Assert.Equal(m1[0][0], metres[i][0], 3);
        }
    }

    [Fact]
    public void A_graph_without_lengths_refuses()
    {
        var g = RoutingGraph.Build(2, [0], [1], [[1.0], [1.0], [1.0]], [[1.0], [1.0], [1.0]]);
        Assert.False(g.HasLengths);
        Assert.Throws<InvalidOperationException>(() => new DijkstraSearch(g).RunWithLengths(TravelMode.Walk, [new Seed(0, 0)], [0], SearchOptions.Default));
    }
}
