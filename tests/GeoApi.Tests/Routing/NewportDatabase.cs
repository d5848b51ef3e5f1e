using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Routing;

/// <summary>A test database holding the real Newport network, imported once per test class.</summary>
public sealed class NewportDatabase : IAsyncLifetime
{
    public TestDatabase Db { get; } = new();

    public NetworkImportResult Import { get; private set; } = null!;

    public static string DataFile(string relative) => DataFiles.Find(relative);

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        Import = await OsmNetworkImport.RunAsync(Db.DataSource, DataFile("osm/newport-2023-06-13.osm.pbf"));
    }

    public Task DisposeAsync() => Db.DisposeAsync();
}
