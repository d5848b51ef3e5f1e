namespace CohesionGeo.GeoEngine.Network;

/// <summary>
/// Keeps, per mode, only the largest weakly connected piece of the edges that mode may pass
/// (in either direction); edges outside it become impassable (-1 both ways) for that mode.
/// "Largest" counts vertices. Weak connectivity means a one-way dead end inside the main piece
/// stays routable; pgRouting on the stored table sees exactly the same costs.
/// </summary>
public static class LargestComponentFilter
{
    /// <summary>Filters the edges' costs in place and returns the network with its island reports.</summary>
    public static RoadNetwork Apply(RoadNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var reports = new List<IslandReport>(TravelModes.Count);
        var parent = new int[network.Nodes.Count];
        var size = new int[network.Nodes.Count];
        foreach (var mode in TravelModes.All)
        {
            for (var i = 0; i < parent.Length; i++)
            {
                parent[i] = i;
                size[i] = 1;
            }

            var m = (int)mode;
            foreach (var e in network.Edges)
            {
                if (e.Seconds[m] >= 0 || e.ReverseSeconds[m] >= 0)
                {
                    Union(parent, size, e.Source, e.Target);
                }
            }

            // Count vertices per root, restricted to vertices touching a passable edge.
            var touched = new bool[parent.Length];
            foreach (var e in network.Edges)
            {
                if (e.Seconds[m] >= 0 || e.ReverseSeconds[m] >= 0)
                {
                    touched[e.Source] = true;
                    touched[e.Target] = true;
                }
            }

            var count = new int[parent.Length];
            var components = 0;
            var best = -1;
            for (var v = 0; v < parent.Length; v++)
            {
                if (!touched[v])
                {
                    continue;
                }

                var r = Find(parent, v);
                if (count[r]++ == 0)
                {
                    components++;
                }

                if (best < 0 || count[r] > count[best])
                {
                    best = r;
                }
            }

            int kept = 0, dropped = 0;
            double droppedLength = 0;
            foreach (var e in network.Edges)
            {
                if (e.Seconds[m] < 0 && e.ReverseSeconds[m] < 0)
                {
                    continue;
                }

                if (Find(parent, e.Source) == best)
                {
                    kept++;
                }
                else
                {
                    dropped++;
                    droppedLength += e.LengthMetres;
                    e.Seconds[m] = -1;
                    e.ReverseSeconds[m] = -1;
                }
            }

            reports.Add(new IslandReport(mode, components, kept, dropped, droppedLength));
        }

        return new RoadNetwork(network.Nodes, network.Edges, reports);
    }

    private static int Find(int[] parent, int v)
    {
        while (parent[v] != v)
        {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }

        return v;
    }

    private static void Union(int[] parent, int[] size, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra == rb)
        {
            return;
        }

        if (size[ra] < size[rb])
        {
            (ra, rb) = (rb, ra);
        }

        parent[rb] = ra;
        size[ra] += size[rb];
    }
}
