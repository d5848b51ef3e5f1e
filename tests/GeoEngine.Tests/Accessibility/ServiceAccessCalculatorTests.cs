using CohesionGeo.GeoEngine.Accessibility;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Tests.Routing;

namespace CohesionGeo.GeoEngine.Tests.Accessibility;

/// <summary>Synthetic networks (hand-drawn, labelled synthetic) with nearest-facility times worked by hand.</summary>
public sealed class ServiceAccessCalculatorTests
{
    private static readonly TravelSettings Settings = TravelSettings.Default;

    // Synthetic line A(0)–B(100)–C(200)–D(300)–E(400), every edge 400 s both ways.
    private static TinyGraph Line() => new TinyGraph()
        .Node('A', 0, 0).Node('B', 100, 0).Node('C', 200, 0).Node('D', 300, 0).Node('E', 400, 0)
        .Edge('A', 'B', 400).Edge('B', 'C', 400).Edge('C', 'D', 400).Edge('D', 'E', 400);

    private static (LinkedPointSet Origins, LinkedPointSet Facilities) Link(RoutingGraph graph, (double, double)[] origins, (double, double)[] facilities)
    {
        var linker = new PointLinker(graph, TravelMode.Walk);
        return (linker.LinkAll(origins), linker.LinkAll(facilities));
    }

    [Fact]
    public void Nearest_times_and_counts_match_hand_worked_values()
    {
        var graph = Line().Build();
        // Origins at B, C, D and P = (150, 30): on edge B–C halfway, 30 m off the network.
        var (origins, facilities) = Link(graph, [(100, 0), (200, 0), (300, 0), (150, 30)], [(0, 0), (400, 0)]);

        var access = ServiceAccessCalculator.Compute(origins, facilities, Settings);

        var offLeg = 30 / (4.8 / 3.6); // 22.5 s walked off-network
        Assert.Equal(400, access.NearestSeconds[0], 2);   // B → A
        Assert.Equal(800, access.NearestSeconds[1], 2);   // C → A or E
        Assert.Equal(400, access.NearestSeconds[2], 2);   // D → E
        Assert.Equal(offLeg + 200 + 400, access.NearestSeconds[3], 2); // P → half of B–C → B → A
        // 15 min = 900 s, 30 min = 1800 s. B: A 400, E 1200. C: 800 and 800. P: 622.5 and 1022.5.
        Assert.Equal([1, 2, 1, 1], access.Within15);
        Assert.Equal([2, 2, 2, 2], access.Within30);
    }

    [Fact]
    public void An_origin_on_the_facility_edge_goes_straight_along_it()
    {
        var graph = Line().Build();
        // Facility at x=220 and origin at x=280, both on C–D: 0.6 of 400 s = 240 s along the edge;
        // through the vertices it would be 0.8·400 + 0.2·400 = 400 s.
        var (origins, facilities) = Link(graph, [(280, 0)], [(220, 0)]);

        var access = ServiceAccessCalculator.Compute(origins, facilities, Settings);

        Assert.Equal(240, access.NearestSeconds[0], 2);
        Assert.Equal(1, access.Within15[0]);
    }

    [Fact]
    public void One_way_edges_are_searched_towards_the_facility()
    {
        // Synthetic: X → A one-way (100 s), A → Y one-way (100 s); the facility is at A.
        var graph = new TinyGraph()
            .Node('X', -100, 0).Node('A', 0, 0).Node('Y', 0, 100)
            .Edge('X', 'A', [100, 100, 100], [-1, -1, -1])
            .Edge('A', 'Y', [100, 100, 100], [-1, -1, -1])
            .Build();
        var (origins, facilities) = Link(graph, [(-100, 0), (0, 100)], [(0, 0)]);

        var access = ServiceAccessCalculator.Compute(origins, facilities, Settings);

        Assert.Equal(100, access.NearestSeconds[0], 2);
        Assert.True(float.IsPositiveInfinity(access.NearestSeconds[1]));
        Assert.Equal([1, 0], access.Within30);
    }

    [Fact]
    public void Agrees_with_the_pairwise_matrix_on_a_synthetic_grid()
    {
        // Synthetic 12×12 grid, 50 m spacing, edge costs varying 20–110 s; 30 origins and 6 facilities scattered off the lines.
        var g = new TinyGraph();
        const int N = 12;
        var names = new char[N * N];
        for (var i = 0; i < N * N; i++)
        {
            names[i] = (char)(0x100 + i);
            g.Node(names[i], (i % N) * 50.0, (i / N) * 50.0);
        }

        for (var r = 0; r < N; r++)
        {
            for (var c = 0; c < N; c++)
            {
                var i = (r * N) + c;
                if (c + 1 < N)
                {
                    g.Edge(names[i], names[i + 1], 20 + ((i * 37) % 90));
                }

                if (r + 1 < N)
                {
                    g.Edge(names[i], names[i + N], 20 + ((i * 53) % 90));
                }
            }
        }

        var graph = g.Build();
        var origins = Enumerable.Range(0, 30).Select(k => ((k * 97 % 550) + 3.0, (k * 61 % 550) + 7.0)).ToArray();
        var facilities = Enumerable.Range(0, 6).Select(k => ((k * 131 % 550) + 11.0, (k * 173 % 550) + 13.0)).ToArray();
        var (o, f) = Link(graph, origins, facilities);

        var access = ServiceAccessCalculator.Compute(o, f, Settings, catchmentSeconds: 600, workers: 2);
        var matrix = TravelTimeMatrix.Compute(o, f, Settings);

        for (var i = 0; i < origins.Length; i++)
        {
            Assert.Equal(matrix[i].Min(), access.NearestSeconds[i], 1);
            Assert.Equal(matrix[i].Count(t => t <= ServiceAccessCalculator.Seconds15), access.Within15[i]);
            Assert.Equal(matrix[i].Count(t => t <= ServiceAccessCalculator.Seconds30), access.Within30[i]);
        }

        var expectedPairs = Enumerable.Range(0, origins.Length).SelectMany(i => Enumerable.Range(0, facilities.Length).Where(j => matrix[i][j] <= 600).Select(j => (i, j))).ToList();
        Assert.Equal(expectedPairs, access.Pairs.Select(p => (p.Origin, p.Facility)).ToList());
    }
}
