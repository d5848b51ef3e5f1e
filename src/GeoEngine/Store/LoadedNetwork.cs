using CohesionGeo.GeoEngine.Network;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// The network as read back from PostGIS: the routing graph (with geometry and edge ids) plus the
/// database id of each graph vertex (<see cref="NodeIds"/>[index] = <c>network.nodes.id</c>) and the
/// import it came from (0 when the tables were filled some other way).
/// </summary>
public sealed record LoadedNetwork(RoutingGraph Graph, long[] NodeIds, long ImportId);
