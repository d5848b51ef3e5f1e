namespace CohesionGeo.GeoEngine.Import;

/// <summary>
/// A GTFS feed that cannot be taken: names the file, the line (1 = header; 0 when the problem is the
/// file as a whole) and the field. Nothing of the feed is loaded when this is thrown.
/// </summary>
public sealed class GtfsFormatException : Exception
{
    public GtfsFormatException(string file, int line, string? field, string reason)
        : base(Describe(file, line, field, reason))
    {
        File = file;
        Line = line;
        Field = field;
        Reason = reason;
    }

    public GtfsFormatException()
        : this("(unknown)", 0, null, "invalid GTFS feed")
    {
    }

    public GtfsFormatException(string message)
        : this("(unknown)", 0, null, message)
    {
    }

    public GtfsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "(unknown)";
        Reason = message;
    }

    /// <summary>The file inside the zip, e.g. <c>stop_times.txt</c>.</summary>
    public string File { get; }

    /// <summary>1-based line in the file (1 is the header); 0 for the file as a whole.</summary>
    public int Line { get; }

    /// <summary>The column, when one is at fault.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    private static string Describe(string file, int line, string? field, string reason)
    {
        var where = line > 0 ? $"{file} line {line}" : file;
        return field is null ? $"{where}: {reason}" : $"{where}, field {field}: {reason}";
    }
}
