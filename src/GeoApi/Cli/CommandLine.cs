using System.Runtime.InteropServices;
using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoEngine.Store;

namespace CohesionGeo.GeoApi.Cli;

/// <summary>Dispatches <c>./cohesiongeo VERB</c> and turns known failures into one clear sentence.</summary>
public static class CommandLine
{
    /// <summary>Every verb; features add theirs here.</summary>
    public static IReadOnlyList<ICliVerb> Verbs { get; } =
    [
        new RunVerb(),
        new DbUrlVerb(),
        new PsqlVerb(),
        new MigrateVerb(),
        new ImportVerb(),
        new UsersVerb(),
        new ComputeVerb(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        using var cts = new CancellationTokenSource();
        // SIGINT/SIGTERM cancel the verb, whose finally blocks stop the embedded database.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; cts.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; cts.Cancel(); });

        var verbName = args.Length == 0 ? "run" : args[0];
        if (verbName is "help" or "--help" or "-h")
        {
            PrintHelp(Console.Out);
            return 0;
        }

        var verb = Verbs.FirstOrDefault(v => v.Name == verbName);
        if (verb is null)
        {
            await Console.Error.WriteLineAsync($"cohesiongeo: unknown command '{verbName}'.");
            PrintHelp(Console.Error);
            return 64;
        }

        try
        {
            return await verb.RunAsync(args.Skip(1).ToArray(), cts.Token);
        }
        catch (CliUsageException ex)
        {
            await Console.Error.WriteLineAsync($"cohesiongeo {verb.Name}: {ex.Message}");
            await Console.Error.WriteLineAsync($"usage: ./cohesiongeo {verb.Usage}");
            return 64;
        }
        catch (Exception ex) when (ex is StoreException or OptionsException)
        {
            await Console.Error.WriteLineAsync($"cohesiongeo: {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("cohesiongeo: stopped.");
            return 130;
        }
    }

    private static void PrintHelp(TextWriter output)
    {
        output.WriteLine("usage: ./cohesiongeo <command> [arguments]");
        output.WriteLine("  test                              run every test suite (handled by the script)");
        foreach (var verb in Verbs)
        {
            output.WriteLine($"  {verb.Usage}");
        }
    }
}
