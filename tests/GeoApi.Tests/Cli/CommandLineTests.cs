using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CohesionGeo.GeoApi.Cli;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Cli;

/// <summary>The real program in a child process, as a user meets it.</summary>
public sealed class CommandLineTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("cg-home-").FullName;

    [Fact]
    public async Task An_unreachable_database_stops_run_with_one_sentence_and_exit_code_2()
    {
        var deadPort = FreePort();
        var (code, _, stderr) = await RunAsync(["run"], new()
        {
            ["COHESIONGEO_DB"] = $"Host=127.0.0.1;Port={deadPort};Database=x;Username=x;Password=x;Timeout=2",
            ["COHESIONGEO_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains($"Cannot reach the database x at 127.0.0.1:{deadPort}", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_home, ".cohesiongeo")), "COHESIONGEO_DB must never touch a local cluster");
    }

    [Fact]
    public async Task A_busy_port_stops_run_before_anything_starts()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        var (code, _, stderr) = await RunAsync(["run"], new()
        {
            ["COHESIONGEO_DB"] = db.ConnectionString,
            ["COHESIONGEO_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(2, code);
        Assert.Contains($"Port {port} on 127.0.0.1 is already in use", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_port_setting_and_an_unknown_verb_are_refused()
    {
        var (code, _, stderr) = await RunAsync(["run"], new() { ["COHESIONGEO_PORT"] = "eighty" });
        Assert.Equal(2, code);
        Assert.Contains("COHESIONGEO_PORT='eighty' is not a port number", stderr, StringComparison.Ordinal);

        var (unknown, _, unknownErr) = await RunAsync(["frobnicate"], []);
        Assert.Equal(64, unknown);
        Assert.Contains("unknown command 'frobnicate'", unknownErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Db_url_prints_the_external_database_as_given()
    {
        var (code, stdout, _) = await RunAsync(["db-url"], new() { ["COHESIONGEO_DB"] = db.ConnectionString });
        Assert.Equal(0, code);
        Assert.Equal(db.ConnectionString, stdout.Trim());
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private async Task<(int Code, string StdOut, string StdErr)> RunAsync(string[] args, Dictionary<string, string> env)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(CommandLine).Assembly.Location);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("COHESIONGEO_DB");
        psi.Environment.Remove("COHESIONGEO_PORT");
        psi.Environment["COHESIONGEO_HOME"] = _home;
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
