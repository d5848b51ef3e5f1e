using System.Diagnostics;
using CohesionGeo.GeoApi.Cli;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Cli;

/// <summary><c>import police-uk</c> and <c>import tension-reports</c> in a child process against the test database.</summary>
public sealed class RiskImportVerbTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private const string Header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("cg-import-");

    [Fact]
    public async Task Files_are_taken_one_transaction_each_and_a_bad_one_is_named_with_line_and_field()
    {
        var good = Write("good.csv", Header, ",2018-04,T,T,-3.0,51.6,On or near A,W01001629,Newport 017A,Drugs,,", ",2018-04,T,T,,,No Location,,,Anti-social behaviour,,");
        var bad = Write("bad.csv", Header, ",2018-04,T,T,-3.0,51.6,On or near A,W01001629,Newport 017A,Drugs,,", ",2018-04,T,T,x,51.6,On or near A,W01001629,Newport 017A,Drugs,,");

        var (code, stdout) = await ImportAsync(good, bad);
        Assert.Equal(1, code);
        Assert.Contains("good.csv: 2 added, 0 already present, 1 without a location, 0 rejected.", stdout, StringComparison.Ordinal);
        Assert.Contains("bad.csv: REJECTED whole (1 bad rows); nothing written.", stdout, StringComparison.Ordinal);
        Assert.Contains("line 3, Longitude: 'x' is not a number", stdout, StringComparison.Ordinal);
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM risk.incidents WHERE month = '2018-04-01'"));

        var (again, againOut) = await ImportAsync(good);
        Assert.Equal(0, again);
        Assert.Contains("good.csv: 0 added, 2 already present", againOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tension_register_files_are_taken_once_and_a_bad_level_is_named()
    {
        var good = Write("register.csv", "date,tier,level,theme,area_code,lon,lat,summary,partner,synthetic", "2023-01-05,evidenced,2,race,W01001629,,,SYNTHETIC test row,Test,true");
        var bad = Write("register-bad.csv", "date,tier,level,theme,area_code,lon,lat,summary,partner,synthetic", "2023-01-05,evidenced,0,race,W01001629,,,SYNTHETIC test row,Test,true");
        var (code, stdout) = await RunAsync(["import", "tension-reports", good, bad]);
        Assert.Equal(1, code);
        Assert.Contains("register.csv: 1 added, 0 already present.", stdout, StringComparison.Ordinal);
        Assert.Contains("line 2, level:", stdout, StringComparison.Ordinal);
        Assert.Contains("register.csv: 0 added, 1 already present.", (await RunAsync(["import", "tension-reports", good])).StdOut, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private Task<(int Code, string StdOut)> ImportAsync(params string[] files) => RunAsync(["import", "police-uk", .. files]);

    private async Task<(int Code, string StdOut)> RunAsync(string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { typeof(CommandLine).Assembly.Location }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["COHESIONGEO_DB"] = db.ConnectionString;
        psi.Environment["COHESIONGEO_HOME"] = _dir.FullName;
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await output);
    }
}
