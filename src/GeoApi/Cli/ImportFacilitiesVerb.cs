using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoApi.Places;
using Spectre.Console;

namespace CohesionGeo.GeoApi.Cli;

/// <summary><c>import facilities FILE... [--skip-invalid]</c>: a user's facilities (CSV or GeoJSON), one transaction per file.</summary>
internal sealed class ImportFacilitiesVerb : ICliVerb
{
    public string Name => "facilities";

    public string Usage => "import facilities FILE... [--skip-invalid]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var (skipInvalid, files) = CliFiles.Parse(args, "--skip-invalid", "CSV or GeoJSON file");

        var options = CohesionGeoOptions.FromEnvironment();
        await using var database = await CliDatabase.OpenAsync(options, ct);
        var dataSource = database.DataSource;
        var exit = 0;
        foreach (var file in files)
        {
            FacilityImportResult? result = null;
            await AnsiConsole.Progress().AutoClear(true).StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"facilities {Path.GetFileName(file)}", maxValue: 1.0);
                task.IsIndeterminate = true;
                var content = await File.ReadAllTextAsync(file, ct);
                result = await FacilityImporter.ImportAsync(dataSource, content, skipInvalid, FacilityImporter.Postcodes, ct);
                task.Value = 1.0;
            });

            foreach (var e in result!.Errors)
            {
                await Console.Error.WriteLineAsync($"{file}:{e.Line}: {e.Field}: {e.Reason}");
            }

            Console.WriteLine(result.Written
                ? $"{file}: {result.Accepted} rows accepted, {result.Rejected} rejected; {result.FacilitiesAdded} facilities added, {result.MergedIntoExisting} merged into existing ones, {result.SourcesAdded} source records added."
                : $"{file}: nothing written ({result.Rejected} bad rows{(result.Accepted > 0 ? "; --skip-invalid writes the good ones" : string.Empty)}).");
            if (result.Errors.Count > 0)
            {
                exit = 1;
            }
        }

        return exit;
    }
}
