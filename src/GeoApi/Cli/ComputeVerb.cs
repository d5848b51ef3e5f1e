using CohesionGeo.GeoApi.Access;
using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoEngine.Places;
using Spectre.Console;

namespace CohesionGeo.GeoApi.Cli;

/// <summary>
/// <c>compute access [--all] [--kind KIND]...</c>: recompute accessibility for the service kinds whose
/// facilities changed since their last run (or all, or the ones named), with progress and per-stage times.
/// </summary>
internal sealed class ComputeVerb : ICliVerb
{
    public string Name => "compute";

    public string Usage => "compute access [--all] [--kind KIND]...  accessibility for changed kinds (or all / named), with stage times";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count == 0 || args[0] != "access")
        {
            throw new CliUsageException("expected: compute access.");
        }

        var all = false;
        var named = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] == "--all")
            {
                all = true;
            }
            else if (args[i] == "--kind" && i + 1 < args.Count && FacilityKinds.IsKnown(args[i + 1]))
            {
                named.Add(args[++i]);
            }
            else
            {
                throw new CliUsageException($"unexpected '{args[i]}'; kinds are {string.Join(", ", FacilityKinds.All)}.");
            }
        }

        var options = CohesionGeoOptions.FromEnvironment();
        await using var database = await CliDatabase.OpenAsync(options, ct);
        var dataSource = database.DataSource;
        var kinds = all ? FacilityKinds.All : named.Count > 0 ? named : await AccessComputation.StaleKindsAsync(dataSource, ct);
        AccessComputeReport? report = null;
        var graphSeconds = 0.0;
        var transitLine = string.Empty;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"access: {kinds.Count} kinds", maxValue: 1.0);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var (graph, importId) = await AccessGraph.LoadAsync(dataSource, options.DataDirectory, ct);
                graphSeconds = clock.Elapsed.TotalSeconds;
                task.Value = 0.05;
                report = await AccessComputation.RunAsync(dataSource, graph, importId, kinds.ToList(), new Progress<double>(v => task.Value = 0.05 + (0.80 * v)), ct);
                transitLine = await TransitAccessComputation.RunAsync(dataSource, kinds.ToList(), report, ct); // issue 5: transit after walk
                task.Value = 1.0;
            });

        Console.WriteLine($"graph {graphSeconds:0.00} s; {report!.OneLine()}");
        Console.WriteLine($"  {transitLine}");
        foreach (var (key, (linked, total)) in report.Facilities.Where(f => f.Key.EndsWith("/walk", StringComparison.Ordinal)))
        {
            Console.WriteLine($"  {key[..^5],-17} {linked,4} of {total,4} facilities on the network");
        }

        Console.WriteLine($"  dwellings linked: {string.Join(", ", report.LinkedDwellings.Select(kv => $"{kv.Key} {kv.Value}"))} of {report.Dwellings}");
        return 0;
    }
}
