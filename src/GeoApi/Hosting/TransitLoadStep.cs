using CohesionGeo.GeoApi.Transit;
using Npgsql;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>
/// First-start load of the Newport GTFS feeds: the 2024 bus and rail feeds form the default
/// timetable; the 2023 bus feed is kept as an archive feed for before/after comparisons.
/// </summary>
internal sealed class TransitLoadStep : IDataLoadStep
{
    /// <summary>(file under data/gtfs, part of the default timetable).</summary>
    public static readonly IReadOnlyList<(string File, bool InDefault)> Feeds =
    [
        ("newport-bus-2024.zip", true),
        ("newport-rail-2024.zip", true),
        ("newport-bus-2023.zip", false),
    ];

    public string Id => "transit-gtfs";

    public string Title => "Bus and rail timetables (GTFS)";

    public async Task<string> RunAsync(NpgsqlDataSource dataSource, string dataDirectory, IProgress<double> progress, CancellationToken ct)
    {
        var parts = new List<string>();
        for (var i = 0; i < Feeds.Count; i++)
        {
            var (file, inDefault) = Feeds[i];
            var path = Path.Combine(dataDirectory, "gtfs", file);
            var offset = i;
            var (_, stops, trips, _) = await GtfsFileImport.ImportAsync(
                dataSource, path, inDefault, new Progress<double>(v => progress.Report((offset + v) / Feeds.Count)), ct);
            parts.Add($"{GtfsFileImport.FeedName(path)} {stops} stops, {trips} trips");
        }

        return string.Join("; ", parts);
    }
}
