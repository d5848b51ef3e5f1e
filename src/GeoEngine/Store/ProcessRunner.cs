using System.Diagnostics;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>Runs a helper program to completion and captures what it prints.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string Output => (StdOut + "\n" + StdErr).Trim();
    }

    /// <summary>
    /// Runs <paramref name="program"/>; when <paramref name="asUser"/> is given and this process is root,
    /// runs it through <c>runuser -u</c> (initdb and postgres refuse to run as root).
    /// </summary>
    public static async Task<Result> RunAsync(string program, IReadOnlyList<string> args, string? asUser, CancellationToken ct)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (asUser is not null && Environment.IsPrivilegedProcess)
        {
            psi.FileName = "runuser";
            psi.ArgumentList.Add("-u");
            psi.ArgumentList.Add(asUser);
            psi.ArgumentList.Add("--");
            psi.ArgumentList.Add(program);
        }
        else
        {
            psi.FileName = program;
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new StoreException($"Could not start {program}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
