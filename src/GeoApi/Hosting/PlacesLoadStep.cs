using CohesionGeo.GeoApi.Places;
using Npgsql;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>First-start load of facilities, LSOAs, the hex grid and dwellings (see <see cref="PlacesLoader"/>).</summary>
public sealed class PlacesLoadStep : IDataLoadStep
{
    public string Id => "places";

    public string Title => "Places: facilities, areas, dwellings";

    public async Task<string> RunAsync(NpgsqlDataSource dataSource, string dataDirectory, IProgress<double> progress, CancellationToken ct)
    {
        var summary = await PlacesLoader.LoadAsync(dataSource, dataDirectory, progress, ct);
        return summary.OneLine();
    }
}
