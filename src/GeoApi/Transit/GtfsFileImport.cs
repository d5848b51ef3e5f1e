using System.Security.Cryptography;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Store;
using Npgsql;

namespace CohesionGeo.GeoApi.Transit;

/// <summary>Imports one GTFS zip file: validate it whole, then write it in one transaction (or nothing).</summary>
internal static class GtfsFileImport
{
    /// <summary>The feed's name: the file name without <c>.zip</c>.</summary>
    public static string FeedName(string path) => Path.GetFileNameWithoutExtension(path);

    /// <exception cref="GtfsFormatException">The file is not a valid GTFS feed (nothing written).</exception>
    public static async Task<(TransitImportOutcome Outcome, int Stops, int Trips, int StopTimes)> ImportAsync(
        NpgsqlDataSource dataSource, string path, bool inDefault, IProgress<double>? progress, CancellationToken ct)
    {
        string sha;
        await using (var stream = File.OpenRead(path))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        }

        var read = progress is null ? null : new Progress<double>(v => progress.Report(v * 0.5));
        var feed = GtfsReader.Read(path, FeedName(path), read);
        var write = progress is null ? null : new Progress<double>(v => progress.Report(0.5 + (v * 0.5)));
        var outcome = await TransitStore.ImportAsync(dataSource, feed, Path.GetFileName(path), sha, inDefault, write, ct);
        return (outcome, feed.Stops.Count, feed.Trips.Count, feed.StopTimes.Count);
    }
}
