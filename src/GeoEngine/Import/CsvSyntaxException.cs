namespace CohesionGeo.GeoEngine.Import;

/// <summary>The text cannot be read as CSV any further (bad encoding, unclosed quote, runaway record).</summary>
public sealed class CsvSyntaxException : Exception
{
    public CsvSyntaxException()
    {
    }

    public CsvSyntaxException(string message)
        : base(message)
    {
    }

    public CsvSyntaxException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CsvSyntaxException(long line, string message, Exception? inner = null)
        : base(message, inner)
    {
        Line = line;
    }

    /// <summary>1-based physical line where reading stopped.</summary>
    public long Line { get; }
}
