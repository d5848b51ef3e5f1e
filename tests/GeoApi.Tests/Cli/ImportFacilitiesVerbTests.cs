using System.Diagnostics;
using CohesionGeo.GeoApi.Cli;
using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Cli;

/// <summary><c>./cohesiongeo import facilities FILE [--skip-invalid]</c> in a child process, on a test database.</summary>
public sealed class ImportFacilitiesVerbTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cg-facilities-").FullName;

    [Fact]
    public async Task Bad_rows_are_listed_with_file_line_and_field_and_nothing_is_written_unless_skip_invalid()
    {
        var file = Path.Combine(_dir, "clubs.csv");
        await File.WriteAllTextAsync(file,
            "id,kind,name,capacity,lon,lat,postcode\n" +
            "c-1,youth_club,Synthetic CLI Club,30,-2.99,51.58,\n" +
            "c-2,youth_club,Synthetic Bad Club,many,-2.99,51.58,\n" +
            "c-3,day_centre,Synthetic Lost Centre,,,,NP99 9ZZ\n");

        var (code, stdout, stderr) = await RunAsync(["import", "facilities", file]);
        Assert.Equal(1, code);
        Assert.Contains($"{file}:3: capacity:", stderr, StringComparison.Ordinal);
        Assert.Contains($"{file}:4: postcode:", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing written", stdout, StringComparison.Ordinal);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM places.facilities WHERE name LIKE 'Synthetic%'"));

        (code, stdout, _) = await RunAsync(["import", "facilities", file, "--skip-invalid"]);
        Assert.Equal(1, code); // some rows were refused
        Assert.Contains("1 facilities added", stdout, StringComparison.Ordinal);
        (_, stdout, _) = await RunAsync(["import", "facilities", file, "--skip-invalid"]);
        Assert.Contains("0 facilities added", stdout, StringComparison.Ordinal);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM places.facilities WHERE name LIKE 'Synthetic%'"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Code, string StdOut, string StdErr)> RunAsync(string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(CommandLine).Assembly.Location);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["COHESIONGEO_DB"] = db.ConnectionString;
        psi.Environment["COHESIONGEO_HOME"] = CohesionGeoOptions.FindHome();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
