using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoApi.Places;
using CohesionGeo.GeoEngine.Store;
using Spectre.Console;

namespace CohesionGeo.GeoApi.Cli;

/// <summary><c>import facilities FILE... [--skip-invalid]</c>: a user's facilities (CSV or GeoJSON), one transaction per file.</summary>
internal sealed class ImportFacilitiesVerb : ICliVerb
{
    public string Name => "facilities";

    public string Usage => "import facilities FILE... [--skip-invalid]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var skipInvalid = args.Contains("--skip-invalid");
        var files = args.Where(a => a != "--skip-invalid").ToList();
        if (files.Count == 0)
        {
            throw new CliUsageException("name at least one CSV or GeoJSON file.");
        }

        foreach (var file in files.Where(f => !File.Exists(f)))
        {
            throw new CliUsageException($"no such file: {file}");
        }

        var options = CohesionGeoOptions.FromEnvironment();
        await using var database = await ProvisionedDatabase.OpenAsync(options, stopAdopted: false, ct);
        await DatabaseSetup.PrepareAsync(database.ConnectionString, cancellationToken: ct);
        await using var dataSource = GeoDataSource.Create(database.ConnectionString);
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
