using CohesionGeo.GeoApi.Access;
using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoApi.Transit;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Store;
using Spectre.Console;

namespace CohesionGeo.GeoApi.Cli;

/// <summary>
/// <c>import gtfs [--archive] FILE...</c>: load GTFS zips into <c>transit.*</c>, each file in one
/// transaction; a feed is named by its file name and replaces an earlier import of that name.
/// <c>--archive</c> keeps the feeds out of the default timetable (for before/after comparisons).
/// </summary>
internal sealed class GtfsImportKind : ICliVerb
{
    public string Name => "gtfs";

    public string Usage => "import gtfs [--archive] FILE.zip...";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var (archive, files) = CliFiles.Parse(args, "--archive", "GTFS zip file");

        var options = CohesionGeoOptions.FromEnvironment();
        await using var database = await CliDatabase.OpenAsync(options, ct);
        var dataSource = database.DataSource;
        var failed = 0;
        var changedDefault = false;
        var lines = new List<string>();
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                foreach (var file in files)
                {
                    var task = ctx.AddTask(Markup.Escape(Path.GetFileName(file)), maxValue: 1.0);
                    try
                    {
                        var (outcome, stops, trips, stopTimes) = await GtfsFileImport.ImportAsync(
                            dataSource, file, !archive, new Progress<double>(v => task.Value = Math.Clamp(v, 0, 1)), ct);
                        task.Value = 1.0;
                        changedDefault |= !archive && outcome != TransitImportOutcome.Unchanged;
                        lines.Add($"{Path.GetFileName(file)}: {outcome.ToString().ToLowerInvariant()} as feed '{GtfsFileImport.FeedName(file)}' ({stops} stops, {trips} trips, {stopTimes} stop times{(archive ? ", archive" : string.Empty)})");
                    }
                    catch (GtfsFormatException ex)
                    {
                        failed++;
                        lines.Add($"{Path.GetFileName(file)}: refused, nothing written: {ex.Message}");
                    }
                }
            });
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        if (changedDefault)
        {
            // The default timetable changed: transit access (surfaces, isolation) would otherwise describe the old one.
            Console.WriteLine(await AccessComputationLine(dataSource, ct));
        }

        return failed == 0 ? 0 : 1;
    }

    private static async Task<string> AccessComputationLine(Npgsql.NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var line = string.Empty;
        await AnsiConsole.Status().StartAsync("recomputing transit access for the new timetable…", async _ =>
            line = await TransitAccessComputation.RefreshAfterTimetableChangeAsync(dataSource, ct));
        return line;
    }
}
