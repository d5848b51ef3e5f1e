using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Osm;

namespace CohesionGeo.GeoApi.Access;

/// <summary>
/// The routing graph accessibility runs on. Until the network is read back from PostGIS, it is
/// built from the same OSM extract the network load uses (<c>data/osm/newport-2023-06-13.osm.pbf</c>)
/// with the routing engine's reader, so the two agree.
/// </summary>
public static class AccessGraph
{
    public static Task<RoutingGraph> LoadAsync(string dataDirectory, CancellationToken ct)
    {
        var network = OsmNetworkReader.ReadFile(Places.PlacesLoader.OsmFile(dataDirectory), null, ct);
        return Task.FromResult(RoutingGraph.FromNetwork(network));
    }
}
