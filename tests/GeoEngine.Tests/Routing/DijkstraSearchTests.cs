using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;

namespace CohesionGeo.GeoEngine.Tests.Routing;

public class DijkstraSearchTests
{
    // Seconds on edges, the same for every mode unless said otherwise.
    //
    //   A ---10--- B ---20--- C
    //   |          |
    //   5         30  (drive: one-way B → E only)
    //   |          |
    //   D ---15--- E          F ---5--- G      (F–G: an island)
    //
    //   D–E is closed to cycles (access): cycle cost -1 both ways.
    private static (RoutingGraph Graph, TinyGraph Names) Square()
    {
        var t = new TinyGraph()
            .Node('A', 0, 100).Node('B', 100, 100).Node('C', 200, 100)
            .Node('D', 0, 0).Node('E', 100, 0).Node('F', 300, 0).Node('G', 400, 0)
            .Edge('A', 'B', 10).Edge('B', 'C', 20).Edge('A', 'D', 5)
            .Edge('B', 'E', [30, 30, 30], [30, 30, -1])
            .Edge('D', 'E', [15, -1, 15], [15, -1, 15])
            .Edge('F', 'G', 5);
        return (t.Build(), t);
    }

    [Fact]
    public void Forward_walk_times_are_the_shortest_sums_and_the_island_is_unreached()
    {
        var (g, n) = Square();
        var search = new DijkstraSearch(g);
        search.Run(TravelMode.Walk, [new Seed(n['A'], 0)], SearchOptions.Default);
        Assert.Equal(0f, search.Seconds[n['A']]);
        Assert.Equal(10f, search.Seconds[n['B']]);
        Assert.Equal(30f, search.Seconds[n['C']]);
        Assert.Equal(5f, search.Seconds[n['D']]);
        Assert.Equal(20f, search.Seconds[n['E']]);
        Assert.True(float.IsPositiveInfinity(search.Seconds[n['F']]));
        Assert.True(float.IsPositiveInfinity(search.Seconds[n['G']]));
        Assert.Equal(5, search.SettledCount);
    }

    [Fact]
    public void Oneway_binds_drive_forward_and_reverse()
    {
        var (g, n) = Square();
        var search = new DijkstraSearch(g);

        // From E by car: E→B is against the one-way, so E→D→A→B = 15 + 5 + 10.
        search.Run(TravelMode.Drive, [new Seed(n['E'], 0)], SearchOptions.Default);
        Assert.Equal(30f, search.Seconds[n['B']]);

        // From B by car: B→E allowed directly.
        search.Run(TravelMode.Drive, [new Seed(n['B'], 0)], SearchOptions.Default);
        Assert.Equal(30f, search.Seconds[n['E']]);

        // Reverse search to B: time from E to B must be 30 (via D, A), from C 20.
        search.Run(TravelMode.Drive, [new Seed(n['B'], 0)], new SearchOptions(SearchDirection.Reverse));
        Assert.Equal(30f, search.Seconds[n['E']]);
        Assert.Equal(20f, search.Seconds[n['C']]);

        // Reverse search to E: B reaches E directly in 30.
        search.Run(TravelMode.Drive, [new Seed(n['E'], 0)], new SearchOptions(SearchDirection.Reverse));
        Assert.Equal(30f, search.Seconds[n['B']]);
        Assert.Equal(15f, search.Seconds[n['D']]);
    }

    [Fact]
    public void Access_restriction_closes_an_edge_for_one_mode_only()
    {
        var (g, n) = Square();
        var search = new DijkstraSearch(g);
        search.Run(TravelMode.Cycle, [new Seed(n['D'], 0)], SearchOptions.Default);
        Assert.Equal(45f, search.Seconds[n['E']]); // D→A→B→E = 5 + 10 + 30, not D→E (closed to cycles)
        search.Run(TravelMode.Walk, [new Seed(n['D'], 0)], SearchOptions.Default);
        Assert.Equal(15f, search.Seconds[n['E']]);
    }

    [Fact]
    public void Cutoff_stops_at_the_limit_inclusive()
    {
        var (g, n) = Square();
        var search = new DijkstraSearch(g);
        search.Run(TravelMode.Walk, [new Seed(n['A'], 0)], new SearchOptions(CutoffSeconds: 10));
        Assert.Equal(10f, search.Seconds[n['B']]);
        Assert.Equal(5f, search.Seconds[n['D']]);
        Assert.True(float.IsPositiveInfinity(search.Seconds[n['E']]));
        Assert.True(float.IsPositiveInfinity(search.Seconds[n['C']]));
        Assert.Equal(3, search.Reached.Length);
    }

    [Fact]
    public void Several_seeds_give_the_time_to_the_nearest_and_runs_do_not_leak_into_each_other()
    {
        var (g, n) = Square();
        var search = new DijkstraSearch(g);
        search.Run(TravelMode.Walk, [new Seed(n['A'], 0), new Seed(n['C'], 3)], SearchOptions.Default);
        Assert.Equal(10f, search.Seconds[n['B']]);
        Assert.Equal(3f, search.Seconds[n['C']]);
        search.Run(TravelMode.Walk, [new Seed(n['F'], 0)], SearchOptions.Default);
        Assert.Equal(5f, search.Seconds[n['G']]);
        Assert.True(float.IsPositiveInfinity(search.Seconds[n['A']]));
        Assert.True(float.IsPositiveInfinity(search.Seconds[n['B']]));
    }

    [Fact]
    public void Visitor_sees_vertices_in_time_order_and_can_stop_the_search()
    {
        var (g, n) = Square();
        var search = new DijkstraSearch(g);
        var visitor = new StopAfter(3);
        search.Run(TravelMode.Walk, [new Seed(n['A'], 0)], SearchOptions.Default, ref visitor);
        Assert.Equal(3, visitor.Seen);
        Assert.Equal(3, search.SettledCount);
        Assert.True(visitor.InOrder);
    }

    [Fact]
    public void Cost_scale_slows_every_edge()
    {
        var (g, n) = Square();
        var search = new DijkstraSearch(g);
        search.Run(TravelMode.Walk, [new Seed(n['A'], 0)], new SearchOptions(CostScale: 2));
        Assert.Equal(60f, search.Seconds[n['C']]);
    }

    // A bridge between two islands:
    //
    //   P ---4--- Q ===12=== R ---6--- S
    //              (bridge)
    [Fact]
    public void A_bridge_joins_islands_and_without_it_the_far_side_is_unreachable()
    {
        var withBridge = new TinyGraph().Node('P', 0, 0).Node('Q', 10, 0).Node('R', 20, 0).Node('S', 30, 0)
            .Edge('P', 'Q', 4).Edge('Q', 'R', 12).Edge('R', 'S', 6);
        var g = withBridge.Build();
        var search = new DijkstraSearch(g);
        search.Run(TravelMode.Walk, [new Seed(withBridge['P'], 0)], SearchOptions.Default);
        Assert.Equal(22f, search.Seconds[withBridge['S']]);

        var closed = new TinyGraph().Node('P', 0, 0).Node('Q', 10, 0).Node('R', 20, 0).Node('S', 30, 0)
            .Edge('P', 'Q', 4).Edge('Q', 'R', [-1, -1, -1], [-1, -1, -1]).Edge('R', 'S', 6);
        var g2 = closed.Build();
        var search2 = new DijkstraSearch(g2);
        search2.Run(TravelMode.Walk, [new Seed(closed['P'], 0)], SearchOptions.Default);
        Assert.True(float.IsPositiveInfinity(search2.Seconds[closed['S']]));
        Assert.True(float.IsPositiveInfinity(search2.Seconds[closed['R']]));
        Assert.Equal(4f, search2.Seconds[closed['Q']]);
    }

    [Fact]
    public void Graph_reports_its_memory_per_directed_edge_within_the_budget()
    {
        var (g, _) = Square();
        Assert.Equal(12, g.SlotCount);
        Assert.InRange(g.BytesPerDirectedEdge, 28, 40);
    }

    private struct StopAfter(int limit) : ISearchVisitor
    {
        private float _last;

        public int Seen { get; private set; }

        public bool InOrder { get; private set; } = true;

        public bool OnSettled(int node, float seconds)
        {
            InOrder &= seconds >= _last;
            _last = seconds;
            Seen++;
            return Seen < limit;
        }
    }
}
