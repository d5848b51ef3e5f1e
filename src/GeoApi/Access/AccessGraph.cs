using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Osm;
using CohesionGeo.GeoEngine.Store;
using Npgsql;

namespace CohesionGeo.GeoApi.Access;

/// <summary>
/// The routing graph accessibility runs on: the network stored in PostGIS (<c>network.edges</c>, the
/// same table pgRouting checks run on). Only when no network has been loaded is it built from the
/// sample's OSM extract with the routing engine's reader, so that places can be tried on their own.
/// </summary>
public static class AccessGraph
{
    /// <returns>The graph and the network import it came from (0 when built from the file: no link cache then).</returns>
    public static async Task<(RoutingGraph Graph, long ImportId)> LoadAsync(NpgsqlDataSource dataSource, string dataDirectory, CancellationToken ct)
    {
        if (await NetworkReader.ReadAsync(dataSource, ct) is { } stored)
        {
            return (stored.Graph, stored.ImportId);
        }

        var network = OsmNetworkReader.ReadFile(Places.PlacesLoader.OsmFile(dataDirectory), null, ct);
        return (RoutingGraph.FromNetwork(network), 0);
    }
}
