using CohesionGeo.GeoApi.Transit;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Assessment;

/// <summary><see cref="NewportPlacesDatabase"/> plus the real 2024 Newport bus and rail timetables (data/gtfs), imported as the default feeds.</summary>
public sealed class NewportTransitPlacesDatabase : IAsyncLifetime
{
    private readonly NewportPlacesDatabase _places = new();

    public TestDatabase Db => _places.Db;

    public async Task InitializeAsync()
    {
        await _places.InitializeAsync();
        foreach (var feed in new[] { "gtfs/newport-bus-2024.zip", "gtfs/newport-rail-2024.zip" })
        {
            await GtfsFileImport.ImportAsync(Db.DataSource, DataFiles.Find(feed), true, null, default);
        }
    }

    public Task DisposeAsync() => _places.DisposeAsync();
}
