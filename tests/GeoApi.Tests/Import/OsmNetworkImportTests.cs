using System.Diagnostics;
using CohesionGeo.GeoApi.Cli;
using CohesionGeo.GeoApi.Tests.Routing;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Import;

/// <summary><c>./cohesiongeo import osm FILE</c> as a user runs it (child process), and the one-transaction guarantee.</summary>
public sealed class OsmNetworkImportTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("cg-osm-").FullName;

    [Fact]
    public async Task Importing_the_small_extract_twice_adds_nothing_the_second_time()
    {
        var small = NewportDatabase.DataFile("osm/newport-small-2023.osm.pbf");
        var importsBefore = await db.ScalarAsync<long>("SELECT count(*) FROM network.imports");
        var (code, stdout, stderr) = await CliAsync("import", "osm", small);
        Assert.True(code == 0, stderr);
        Assert.Contains("Imported", stdout, StringComparison.Ordinal);
        var edges = await db.ScalarAsync<long>("SELECT count(*) FROM network.edges");
        var nodes = await db.ScalarAsync<long>("SELECT count(*) FROM network.nodes");
        Assert.True(edges > 100);
        Assert.Contains($"{nodes:N0} nodes and {edges:N0} edges", stdout, StringComparison.Ordinal);

        var (again, againOut, _) = await CliAsync("import", "osm", small);
        Assert.Equal(0, again);
        Assert.Contains("already the loaded network", againOut, StringComparison.Ordinal);
        Assert.Equal(edges, await db.ScalarAsync<long>("SELECT count(*) FROM network.edges"));
        Assert.Equal(importsBefore + 1, await db.ScalarAsync<long>("SELECT count(*) FROM network.imports"));

        // A truncated file and a file with no highways are refused by name; the network stays as it was.
        var bytes = await File.ReadAllBytesAsync(small);
        var truncated = Path.Combine(_scratch, "cut.osm.pbf");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        var (bad, _, badErr) = await CliAsync("import", "osm", truncated);
        Assert.Equal(1, bad);
        Assert.Contains("truncated", badErr, StringComparison.Ordinal);
        Assert.Contains("previous network is unchanged", badErr, StringComparison.Ordinal);

        var csv = Path.Combine(_scratch, "not.osm.pbf");
        await File.WriteAllTextAsync(csv, "id,name\n1,x\n");
        var (notPbf, _, notPbfErr) = await CliAsync("import", "osm", csv);
        Assert.Equal(1, notPbf);
        Assert.Contains("not an OSM PBF", notPbfErr, StringComparison.Ordinal);

        var (missing, _, missingErr) = await CliAsync("import", "osm", Path.Combine(_scratch, "nope.osm.pbf"));
        Assert.Equal(1, missing);
        Assert.Contains("No such file", missingErr, StringComparison.Ordinal);

        Assert.Equal(edges, await db.ScalarAsync<long>("SELECT count(*) FROM network.edges"));
        Assert.Equal(nodes, await db.ScalarAsync<long>("SELECT count(*) FROM network.nodes"));
    }

    [Fact]
    public async Task A_write_that_fails_half_way_rolls_back_to_the_previous_network()
    {
        // Synthetic networks (labelled so in network.imports): a good one, then one whose second edge has no
        // geometry, so the writer fails after truncating and copying rows.
        var nodes = new[] { new NetworkNode(0, 331000, 188000), new NetworkNode(0, 331100, 188000), new NetworkNode(0, 331200, 188000) };
        var line = BritishNationalGrid.Factory.CreateLineString([new(331000, 188000), new(331100, 188000)]);
        var good = new[] { new NetworkEdge { Source = 0, Target = 1, LengthMetres = 100, Seconds = [75, 20, 10], ReverseSeconds = [75, 20, 10], Geometry = line } };
        await NetworkWriter.ReplaceAsync(db.DataSource, new RoadNetwork(nodes, good), "synthetic-good", "synthetic-good");
        var before = await db.ScalarAsync<long>("SELECT count(*) FROM network.edges");
        var importsBefore = await db.ScalarAsync<long>("SELECT count(*) FROM network.imports");
        var edges = new[]
        {
            good[0],
            new NetworkEdge { Source = 1, Target = 2, LengthMetres = 100, Seconds = [75, 20, 10], ReverseSeconds = [75, 20, 10], Geometry = null },
        };
        await Assert.ThrowsAsync<ArgumentException>(() => NetworkWriter.ReplaceAsync(db.DataSource, new RoadNetwork(nodes, edges), "synthetic-broken", "synthetic"));

        Assert.Equal(before, await db.ScalarAsync<long>("SELECT count(*) FROM network.edges"));
        Assert.Equal(importsBefore, await db.ScalarAsync<long>("SELECT count(*) FROM network.imports"));
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private async Task<(int Code, string StdOut, string StdErr)> CliAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(CommandLine).Assembly.Location);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["COHESIONGEO_DB"] = db.ConnectionString;
        psi.Environment["COHESIONGEO_HOME"] = _scratch;
        psi.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
