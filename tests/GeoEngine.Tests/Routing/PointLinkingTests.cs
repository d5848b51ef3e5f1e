using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;

namespace CohesionGeo.GeoEngine.Tests.Routing;

public class PointLinkingTests
{
    // Coordinates in metres; walk costs 1 s per metre to keep sums readable.
    //
    //   y=0:  A ---------100--------- B ---------100--------- C
    //             o (x=30, y=-40)              d (x=170, y=+30)
    //
    //   A–B one-way A→B for drive (drive costs 1 s/m A→B, impassable B→A); B–C two-way drive.
    private static (RoutingGraph, TinyGraph) Line()
    {
        var t = new TinyGraph().Node('A', 0, 0).Node('B', 100, 0).Node('C', 200, 0)
            .Edge('A', 'B', [100, 100, 100], [100, 100, -1])
            .Edge('B', 'C', 100);
        return (t.Build(), t);
    }

    [Fact]
    public void Partial_edges_at_both_ends_and_walked_offsets_add_up_exactly()
    {
        var (g, _) = Line();
        var linker = new PointLinker(g, TravelMode.Walk);
        var origins = linker.LinkAll([(30, -40)]);
        var destinations = linker.LinkAll([(170, 30)]);
        Assert.Equal(0.3, origins[0].Fraction, 9);
        Assert.Equal(40, origins[0].OffsetMetres, 9);
        Assert.Equal(0.7, destinations[0].Fraction, 9);

        var settings = TravelSettings.Default; // 4.8 km/h = 4/3 m/s off the network
        var seconds = TravelTimeMatrix.Compute(origins, destinations, settings);
        // 40 m walked off (30 s) + 70 s along A–B from the foot to B + 70 s along B–C + 30 m walked off (22.5 s)
        Assert.Equal(30 + 70 + 70 + 22.5, seconds[0][0], 3);

        // The same pair the other way round is symmetric for walking.
        var back = TravelTimeMatrix.Compute(destinations, origins, settings);
        Assert.Equal(seconds[0][0], back[0][0], 3);
    }

    [Fact]
    public void Two_points_on_one_edge_go_straight_along_it_and_respect_its_oneway()
    {
        var (g, _) = Line();
        var linker = new PointLinker(g, TravelMode.Drive);
        var upstream = linker.LinkAll([(20, 0)]);
        var downstream = linker.LinkAll([(80, 0)]);
        var settings = TravelSettings.Default;
        Assert.Equal(60, TravelTimeMatrix.Compute(upstream, downstream, settings)[0][0], 3);
        // Against the one-way there is no other way round: unreachable.
        Assert.True(float.IsPositiveInfinity(TravelTimeMatrix.Compute(downstream, upstream, settings)[0][0]));
    }

    [Fact]
    public void Reverse_and_forward_matrices_agree()
    {
        var (g, _) = Line();
        var linker = new PointLinker(g, TravelMode.Drive);
        var few = linker.LinkAll([(10, 5)]);
        var many = linker.LinkAll([(150, 5), (190, -5), (50, 10)]);
        var settings = TravelSettings.Default;
        var forward = TravelTimeMatrix.Compute(few, many, settings);   // one forward search
        var reverse = TravelTimeMatrix.Compute(many, few, settings);   // one reverse search (fewer destinations)
        Assert.Equal(5 / (4.8 / 3.6) + 140 + 5 / (4.8 / 3.6), forward[0][0], 3);
        Assert.True(float.IsPositiveInfinity(reverse[0][0])); // from x=150 back to x=10 needs B→A, one-way
        Assert.Equal(5 / (4.8 / 3.6) + 40 + 10 / (4.8 / 3.6), forward[0][2], 3);
    }

    [Fact]
    public void Cutoff_in_a_matrix_turns_longer_times_into_unreachable()
    {
        var (g, _) = Line();
        var linker = new PointLinker(g, TravelMode.Walk);
        var o = linker.LinkAll([(0, 0)]);
        var d = linker.LinkAll([(50, 0), (200, 0)]);
        var seconds = TravelTimeMatrix.Compute(o, d, TravelSettings.Default, cutoffSeconds: 100);
        Assert.Equal(50, seconds[0][0], 3);
        Assert.True(float.IsPositiveInfinity(seconds[0][1]));
    }

    [Fact]
    public void A_point_far_from_the_network_is_refused_with_its_distance()
    {
        var (g, _) = Line();
        var linker = new PointLinker(g, TravelMode.Walk);
        var ex = Assert.Throws<PointLinkException>(() => linker.LinkAll([(10, 10), (100, 500_000)]));
        Assert.Equal(1, ex.PointIndex);
        Assert.Equal(500_000, ex.DistanceMetres, 3);
        Assert.Contains("500 km", ex.Message, StringComparison.Ordinal);
        Assert.Throws<PointLinkException>(() => linker.Link(double.NaN, 0));
    }

    [Fact]
    public void A_slower_walker_takes_proportionally_longer()
    {
        var (g, _) = Line();
        var linker = new PointLinker(g, TravelMode.Walk);
        var o = linker.LinkAll([(0, 0)]);
        var d = linker.LinkAll([(200, 0)]);
        var normal = TravelTimeMatrix.Compute(o, d, TravelSettings.Default)[0][0];
        var slow = TravelTimeMatrix.Compute(o, d, new TravelSettings(2.4))[0][0];
        Assert.Equal(2 * normal, slow, 3);
    }

    [Fact]
    public void Several_facilities_as_one_reverse_search_give_each_home_its_nearest()
    {
        var (g, _) = Line();
        var linker = new PointLinker(g, TravelMode.Walk);
        var facilities = linker.LinkAll([(10, 0), (190, 0)]);
        var homes = linker.LinkAll([(50, 0), (120, 0)]);
        var search = new DijkstraSearch(g);
        var settings = TravelSettings.Default;
        search.Run(TravelMode.Walk, facilities.ArrivingSeedsOfAll(settings), new SearchOptions(SearchDirection.Reverse));
        var matrix = TravelTimeMatrix.Compute(homes, facilities, settings);
        for (var h = 0; h < homes.Count; h++)
        {
            // Network route via the vertices; the matrix also knows the shortcut along a shared edge.
            var viaNetwork = homes.SecondsAfter(h, search.Seconds, SearchDirection.Reverse, settings);
            Assert.True(viaNetwork >= matrix[h].Min() - 1e-3);
        }

        // Through vertices only: from x=50 via A (50 s) then A→10 (10 s) = 60; from x=120 via C (80 s) then C→190 (10 s) = 90.
        // (Along their shared edges the matrix finds 40 s and 70 s: a surface read through vertices does not.)
        Assert.Equal(60, homes.SecondsAfter(0, search.Seconds, SearchDirection.Reverse, settings), 3);
        Assert.Equal(90, homes.SecondsAfter(1, search.Seconds, SearchDirection.Reverse, settings), 3);
        Assert.Equal(40, matrix[0][0], 3);
        Assert.Equal(70, matrix[1][1], 3);
    }
}
