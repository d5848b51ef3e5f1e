using BenchmarkDotNet.Running;

namespace CohesionGeo.Benchmarks;

/// <summary>
/// <c>./cohesiongeo bench [--filter *Name*]</c>: every benchmark compares against a peer measured in the same run.
/// <c>./cohesiongeo bench tiles</c>: the tile-serving figures (see Tiles/TileBench).
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["tiles", ..])
        {
            return await Tiles.TileBench.RunAsync(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
