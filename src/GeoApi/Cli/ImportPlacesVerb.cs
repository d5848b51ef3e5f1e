using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoApi.Places;
using Spectre.Console;

namespace CohesionGeo.GeoApi.Cli;

/// <summary><c>import places [DATA_DIR]</c>: (re)load facilities, LSOAs, hex grid and dwellings from a data folder (idempotent).</summary>
internal sealed class ImportPlacesVerb : ICliVerb
{
    public string Name => "places";

    public string Usage => "import places [DATA_DIR]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var options = CohesionGeoOptions.FromEnvironment();
        var dataDir = args.Count > 0 ? args[0] : options.DataDirectory;
        if (!Directory.Exists(dataDir))
        {
            throw new CliUsageException($"no such folder: {dataDir}");
        }

        await using var database = await CliDatabase.OpenAsync(options, ct);
        var dataSource = database.DataSource;
        PlacesLoadSummary? summary = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("places", maxValue: 1.0);
                summary = await PlacesLoader.LoadAsync(dataSource, dataDir, new Progress<double>(v => task.Value = Math.Clamp(v, 0, 1)), ct);
                task.Value = 1.0;
            });
        Console.WriteLine(summary!.OneLine());
        foreach (var (kind, primary, merged) in summary.CrossSourceMerges)
        {
            Console.WriteLine($"  merged {kind}: {primary} ← {merged}");
        }

        return 0;
    }
}
