using CohesionGeo.GeoEngine.Import;
using Npgsql;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>First start: the Newport OSM extract becomes the road and path network.</summary>
internal sealed class OsmNetworkLoadStep : IDataLoadStep
{
    /// <summary>The extract, relative to <c>data/</c>.</summary>
    public const string RelativePath = "osm/newport-2023-06-13.osm.pbf";

    public string Id => "network.osm.newport";

    public string Title => "Road and path network (OSM)";

    public async Task<string> RunAsync(NpgsqlDataSource dataSource, string dataDirectory, IProgress<double> progress, CancellationToken ct)
    {
        var result = await OsmNetworkImport.RunAsync(dataSource, Path.Combine(dataDirectory, RelativePath), progress, ct);
        return $"{result.Nodes:N0} nodes, {result.Edges:N0} edges";
    }
}
