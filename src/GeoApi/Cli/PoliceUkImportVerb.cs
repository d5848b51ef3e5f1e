using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Store;
using Spectre.Console;

namespace CohesionGeo.GeoApi.Cli;

/// <summary>
/// <c>import police-uk [--partial] FILE...</c>: police.uk street-level CSVs, one transaction per file,
/// with a progress bar per file. A file with a bad row is rejected whole unless <c>--partial</c>.
/// Exit code 0 when every file was taken, 1 when any was rejected.
/// </summary>
internal sealed class PoliceUkImportVerb : ICliVerb
{
    public string Name => "police-uk";

    public string Usage => "police-uk [--partial] FILE...";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var (partial, files) = CliFiles.Parse(args, "--partial", "police.uk CSV file");

        var options = CohesionGeoOptions.FromEnvironment();
        await using var database = await CliDatabase.OpenAsync(options, ct);
        var dataSource = database.DataSource;

        var results = new List<ImportResult>();
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                foreach (var file in files)
                {
                    var task = ctx.AddTask(Markup.Escape(Path.GetFileName(file)), maxValue: 1.0);
                    await using var stream = File.OpenRead(file);
                    var length = Math.Max(1, stream.Length);
                    using var text = PoliceUkCsvReader.OpenText(stream);
                    var reader = new PoliceUkCsvReader(text);
                    var result = await IncidentStore.ImportPoliceUkAsync(
                        dataSource, Path.GetFileName(file), reader, partial, _ => task.Value = (double)stream.Position / length, ct);
                    task.Value = 1.0;
                    results.Add(result);
                }
            });

        foreach (var r in results)
        {
            Console.WriteLine(r.Committed
                ? $"{r.File}: {r.Accepted} added, {r.AlreadyPresent} already present, {r.WithoutLocation} without a location, {r.Rejected} rejected."
                : $"{r.File}: REJECTED whole ({r.Rejected} bad rows); nothing written.");
            foreach (var e in r.Errors)
            {
                Console.WriteLine($"  line {e.Line}, {e.Field}: {e.Reason}");
            }
        }

        return results.All(r => r.Committed) ? 0 : 1;
    }
}
