namespace CohesionGeo.GeoApi.Hosting;

/// <summary>Source-generated log messages for the API.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Health check could not reach the database")]
    public static partial void HealthDatabaseUnreachable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "CohesionGeo is serving on {Url}")]
    public static partial void Serving(ILogger logger, string url);
}
