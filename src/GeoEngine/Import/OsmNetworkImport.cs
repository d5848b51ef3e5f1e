using System.Security.Cryptography;
using CohesionGeo.GeoEngine.Osm;
using CohesionGeo.GeoEngine.Store;
using Npgsql;

namespace CohesionGeo.GeoEngine.Import;

/// <summary>
/// <c>import osm FILE</c>: reads an <c>.osm.pbf</c> into a routable network and replaces
/// <c>network.nodes</c>/<c>network.edges</c> in one transaction. The file is taken whole or not at all:
/// a bad file (<see cref="OsmImportException"/>) or a failure while writing leaves the previous network
/// intact. Importing the file that is already loaded (same SHA-256) writes nothing.
/// </summary>
public static class OsmNetworkImport
{
    /// <summary>Imports; progress 0..1 (reading ≈ 70 %, writing the rest).</summary>
    public static async Task<NetworkImportResult> RunAsync(NpgsqlDataSource dataSource, string path, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        if (!File.Exists(path))
        {
            throw new OsmImportException($"No such file: {path}.");
        }

        string sha;
        await using (var hashing = File.OpenRead(path))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(hashing, ct));
        }

        if (await NetworkWriter.LatestSha256Async(dataSource, ct) == sha)
        {
            progress?.Report(1.0);
            await using var cmd = dataSource.CreateCommand("SELECT id, nodes, edges FROM network.imports ORDER BY id DESC LIMIT 1");
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return new NetworkImportResult(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), Unchanged: true);
        }

        var network = await Task.Run(
            () => OsmNetworkReader.ReadFile(path, progress is null ? null : new Scaled(progress, 0, 0.7), ct), ct);
        return await NetworkWriter.ReplaceAsync(
            dataSource, network, Path.GetFileName(path), sha, progress is null ? null : new Scaled(progress, 0.7, 0.3), ct);
    }

    private sealed class Scaled(IProgress<double> inner, double start, double span) : IProgress<double>
    {
        public void Report(double value) => inner.Report(start + (span * Math.Clamp(value, 0, 1)));
    }
}
