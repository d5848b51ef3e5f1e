namespace CohesionGeo.GeoApi.Cli;

/// <summary><c>import KIND FILE...</c>: load files of a known kind (one transaction per file).</summary>
internal sealed class ImportVerb : ICliVerb
{
    /// <summary>The import kinds; features add theirs here.</summary>
    public static IReadOnlyList<ICliVerb> Kinds { get; } =
    [
        new OsmImportVerb(),
        new ImportFacilitiesVerb(),
        new ImportPlacesVerb(),
        new PoliceUkImportVerb(),
        new TensionImportVerb(),
        new GtfsImportKind(),
    ];

    public string Name => "import";

    public string Usage => "import <kind> FILE...             import files; kinds: " + (Kinds.Count == 0 ? "(none yet)" : string.Join(", ", Kinds.Select(k => k.Name)));

    public Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count == 0)
        {
            throw new CliUsageException("name what to import.");
        }

        var kind = Kinds.FirstOrDefault(k => k.Name == args[0])
            ?? throw new CliUsageException($"unknown import kind '{args[0]}'.");
        return kind.RunAsync(args.Skip(1).ToArray(), ct);
    }
}
