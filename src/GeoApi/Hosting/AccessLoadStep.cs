using CohesionGeo.GeoApi.Access;
using Npgsql;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>First-start computation of accessibility for every service kind (after the places are loaded).</summary>
public sealed class AccessLoadStep : IDataLoadStep
{
    public string Id => "access";

    public string Title => "Accessibility: walk, cycle, drive, transit";

    public async Task<string> RunAsync(NpgsqlDataSource dataSource, string dataDirectory, IProgress<double> progress, CancellationToken ct)
    {
        var kinds = await AccessComputation.StaleKindsAsync(dataSource, ct);
        var (graph, importId) = await AccessGraph.LoadAsync(dataSource, dataDirectory, ct);
        progress.Report(0.05);
        var report = await AccessComputation.RunAsync(dataSource, graph, importId, kinds, new Progress<double>(v => progress.Report(0.05 + (0.80 * v))), ct);
        var transit = await TransitAccessComputation.RunAsync(dataSource, kinds, report, ct); // issue 5: transit after walk (load order: network, places, transit, access)
        return report.OneLine() + "; " + transit;
    }
}
