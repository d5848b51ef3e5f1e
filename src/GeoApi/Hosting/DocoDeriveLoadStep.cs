using CohesionGeo.GeoEngine.Store;
using Npgsql;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>First start: derive DOCO features (unlit paths, unknown lighting, alleys) from the loaded network. Runs after the network step.</summary>
public sealed class DocoDeriveLoadStep : IDataLoadStep
{
    public string Id => "risk.doco-derive";

    public string Title => "DOCO features from the network";

    public async Task<string> RunAsync(NpgsqlDataSource dataSource, string dataDirectory, IProgress<double> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var added = await DocoStore.DeriveFromNetworkAsync(dataSource, ct);
        progress.Report(1);
        return string.Join(", ", added.Select(kv => $"{kv.Value} {kv.Key}"));
    }
}
