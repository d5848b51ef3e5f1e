namespace CohesionGeo.GeoApi.Cli;

/// <summary>The <c>[--flag] FILE...</c> arguments of the import verbs, checked before any database work.</summary>
internal static class CliFiles
{
    /// <param name="args">The verb's arguments.</param>
    /// <param name="flag">The one optional switch (for example <c>--partial</c>), or null.</param>
    /// <param name="what">What the files are, for the message (for example "police.uk CSV file").</param>
    /// <exception cref="CliUsageException">No file named, or a named file does not exist.</exception>
    public static (bool Flag, IReadOnlyList<string> Files) Parse(IReadOnlyList<string> args, string? flag, string what)
    {
        var files = args.Where(a => a != flag).ToList();
        if (files.Count == 0)
        {
            throw new CliUsageException($"name at least one {what}.");
        }

        foreach (var file in files.Where(f => !File.Exists(f)))
        {
            throw new CliUsageException($"no such file: {file}");
        }

        return (flag is not null && args.Contains(flag), files);
    }
}
