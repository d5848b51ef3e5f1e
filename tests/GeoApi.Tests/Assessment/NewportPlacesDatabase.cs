using CohesionGeo.GeoApi.Places;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Assessment;

/// <summary>
/// <see cref="NewportRiskDatabase"/> plus the places area's own loader (facilities, LSOAs, dwellings from data/);
/// no GTFS timetable, so transit is absent and must be reported so.
/// </summary>
public sealed class NewportPlacesDatabase : IAsyncLifetime
{
    private readonly NewportRiskDatabase _risk = new();

    public TestDatabase Db => _risk.Db;

    public async Task InitializeAsync()
    {
        await _risk.InitializeAsync();
        var data = Path.GetDirectoryName(Path.GetDirectoryName(DataFiles.Find("policeuk/2022-07-gwent-street.csv")))!;
        await PlacesLoader.LoadAsync(Db.DataSource, data, new Progress<double>(), CancellationToken.None);
    }

    public Task DisposeAsync() => _risk.DisposeAsync();
}
