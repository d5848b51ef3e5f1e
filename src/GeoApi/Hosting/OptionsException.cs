namespace CohesionGeo.GeoApi.Hosting;

/// <summary>A setting a user gave is wrong; the message says which and what to do.</summary>
public sealed class OptionsException : Exception
{
    public OptionsException(string message) : base(message) { }

    public OptionsException(string message, Exception inner) : base(message, inner) { }

    public OptionsException() { }
}
