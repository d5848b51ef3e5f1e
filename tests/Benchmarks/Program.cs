using BenchmarkDotNet.Running;

namespace CohesionGeo.Benchmarks;

/// <summary>
/// <c>./cohesiongeo bench [--filter *Name*]</c>: every benchmark compares against a peer measured in the same run.
/// <c>./cohesiongeo bench tiles</c>: the tile-serving figures (see Tiles/TileBench).
/// <c>./cohesiongeo bench routing</c>: engine against pgRouting on the same edges (see Routing/RoutingBenchmark).
/// <c>./cohesiongeo bench access [--quick]</c>: full and incremental accessibility compute on Newport (see Access/AccessBenchmark).
/// <c>./cohesiongeo bench transit [--quick]</c>: Range RAPTOR against minute-by-minute RAPTOR (see Transit/TransitBenchmark).
/// <c>./cohesiongeo bench sites [--quick]</c>: the site dossier per site for 1 and 50 sites, stage profile, against the reference path (see Sites/SiteDossierBench).
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["tiles", ..]:
                return await Tiles.TileBench.RunAsync(args);
            case ["routing", ..]:
                await Routing.RoutingBenchmark.RunAsync(args[1..]);
                return 0;
            case ["access", ..]:
                await Access.AccessBenchmark.RunAsync(args[1..]);
                return 0;
            case ["sites", ..]:
                await Sites.SiteDossierBench.RunAsync(args[1..]);
                return 0;
            case ["transit", ..]:
                Transit.TransitBenchmark.Run(args[1..]);
                return 0;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
                return 0;
        }
    }
}
