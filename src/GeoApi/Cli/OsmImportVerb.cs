using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Osm;
using CohesionGeo.GeoEngine.Store;
using Spectre.Console;

namespace CohesionGeo.GeoApi.Cli;

/// <summary><c>import osm FILE</c>: replace the road and path network with an OSM PBF extract (one transaction).</summary>
internal sealed class OsmImportVerb : ICliVerb
{
    public string Name => "osm";

    public string Usage => "osm FILE.osm.pbf";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count != 1)
        {
            throw new CliUsageException("expected exactly one .osm.pbf file: import osm FILE.");
        }

        var path = Path.GetFullPath(args[0]);
        var options = CohesionGeoOptions.FromEnvironment();
        await using var database = await CliDatabase.OpenAsync(options, ct);
        var dataSource = database.DataSource;
        try
        {
            NetworkImportResult? result = null;
            var started = System.Diagnostics.Stopwatch.StartNew();
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask($"OSM network from {Path.GetFileName(path)}", maxValue: 1.0);
                    result = await OsmNetworkImport.RunAsync(dataSource, path, new Progress<double>(v => task.Value = Math.Clamp(v, 0, 1)), ct);
                    task.Value = 1.0;
                });
            Console.WriteLine(result!.Unchanged
                ? $"{Path.GetFileName(path)} is already the loaded network (import {result.ImportId}): nothing written."
                : $"Imported {result.Nodes:N0} nodes and {result.Edges:N0} edges (import {result.ImportId}) in {started.Elapsed.TotalSeconds:F1} s.");
            await PrintIslandsAsync(dataSource, ct);
            return 0;
        }
        catch (OsmImportException ex)
        {
            await Console.Error.WriteLineAsync($"cohesiongeo import osm: {ex.Message} The previous network is unchanged.");
            return 1;
        }
    }

    private static async Task PrintIslandsAsync(Npgsql.NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT i->>'mode', (i->>'components')::int, (i->>'island_edges')::int, (i->>'island_length_m')::float8 FROM network.imports, jsonb_array_elements(islands) i WHERE id = (SELECT max(id) FROM network.imports)");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            Console.WriteLine($"  {reader.GetString(0)}: {reader.GetInt32(1)} connected pieces; kept the largest, {reader.GetInt32(2):N0} island edges ({reader.GetDouble(3) / 1000:F1} km) not routable");
        }
    }
}
