using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Assessment;

/// <summary>
/// A test database holding real Newport data, loaded once per test class with the project's own importers:
/// the OSM network, the 12 police.uk months in data/policeuk, and the DOCO features derived from the network.
/// </summary>
public sealed class NewportRiskDatabase : IAsyncLifetime
{
    public TestDatabase Db { get; } = new();

    public long IncidentsImported { get; private set; }

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        await OsmNetworkImport.RunAsync(Db.DataSource, DataFiles.Find("osm/newport-2023-06-13.osm.pbf"));
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(DataFiles.Find("policeuk/2022-07-gwent-street.csv"))!, "*.csv").Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            using var text = PoliceUkCsvReader.OpenText(stream);
            var result = await IncidentStore.ImportPoliceUkAsync(Db.DataSource, Path.GetFileName(file), new PoliceUkCsvReader(text), false, null, CancellationToken.None);
            IncidentsImported += result.Accepted;
        }

        await DocoStore.DeriveFromNetworkAsync(Db.DataSource, CancellationToken.None);
    }

    public Task DisposeAsync() => Db.DisposeAsync();
}
