namespace CohesionGeo.GeoEngine.Network;

/// <summary>
/// A routable network as imported or stored: vertices, undirected edges with per-mode costs in
/// seconds (negative = impassable) and EPSG:27700 geometry. <see cref="RoutingGraph.FromNetwork"/>
/// turns it into the flat in-memory graph the router runs on.
/// </summary>
public sealed class RoadNetwork
{
    public RoadNetwork(IReadOnlyList<NetworkNode> nodes, IReadOnlyList<NetworkEdge> edges, IReadOnlyList<IslandReport>? islands = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        Nodes = nodes;
        Edges = edges;
        Islands = islands ?? [];
    }

    /// <summary>Vertices; an edge's <see cref="NetworkEdge.Source"/>/<see cref="NetworkEdge.Target"/> index this list.</summary>
    public IReadOnlyList<NetworkNode> Nodes { get; }

    /// <summary>Undirected edges.</summary>
    public IReadOnlyList<NetworkEdge> Edges { get; }

    /// <summary>Per mode, what the largest-component filter removed (empty when not run).</summary>
    public IReadOnlyList<IslandReport> Islands { get; }
}
