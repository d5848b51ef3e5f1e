using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Store;

namespace CohesionGeo.GeoApi.Cli;

/// <summary>
/// <c>import tension-reports FILE...</c>: tension register CSVs
/// (<c>date,tier,level,theme,area_code,lon,lat,summary,partner,synthetic</c>), one transaction per file,
/// whole file or nothing; the same file twice adds nothing. Recorded as changed by <c>cli:$USER</c>.
/// </summary>
internal sealed class TensionImportVerb : ICliVerb
{
    public string Name => "tension-reports";

    public string Usage => "tension-reports FILE...";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var (_, files) = CliFiles.Parse(args, flag: null, "tension register CSV file");

        var options = CohesionGeoOptions.FromEnvironment();
        await using var database = await CliDatabase.OpenAsync(options, ct);
        var dataSource = database.DataSource;
        var actor = "cli:" + (Environment.GetEnvironmentVariable("USER") ?? "unknown");
        var allTaken = true;
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            using var text = PoliceUkCsvReader.OpenText(stream);
            var (rows, errors, rejected) = TensionCsvReader.Read(text, DateOnly.FromDateTime(DateTime.UtcNow));
            if (errors.Count > 0)
            {
                allTaken = false;
                Console.WriteLine($"{Path.GetFileName(file)}: REJECTED whole ({rejected} bad rows); nothing written.");
                foreach (var e in errors)
                {
                    Console.WriteLine($"  line {e.Line}, {e.Field}: {e.Reason}");
                }

                continue;
            }

            var added = await TensionStore.ImportAsync(dataSource, rows, actor, ct);
            Console.WriteLine($"{Path.GetFileName(file)}: {added} added, {rows.Count - added} already present.");
        }

        return allTaken ? 0 : 1;
    }
}
