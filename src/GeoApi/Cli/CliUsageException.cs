namespace CohesionGeo.GeoApi.Cli;

/// <summary>The command line is wrong; the message says how (exit code 64, EX_USAGE).</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException(string message) : base(message) { }

    public CliUsageException(string message, Exception inner) : base(message, inner) { }

    public CliUsageException() { }
}
