using BenchmarkDotNet.Running;

namespace CohesionGeo.Benchmarks;

/// <summary><c>./cohesiongeo bench [--filter *Name*]</c>: every benchmark compares against a peer measured in the same run.</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        if (args is ["routing", ..])
        {
            Routing.RoutingBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
            return;
        }

        if (args is ["transit", ..])
        {
            Transit.TransitBenchmark.Run(args[1..]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
