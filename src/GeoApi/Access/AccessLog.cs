namespace CohesionGeo.GeoApi.Access;

/// <summary>Source-generated log messages of the access recompute.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Access recomputed after a facilities change: {Summary}")]
    public static partial void Recomputed(ILogger logger, string summary);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Access recompute after a facilities change failed")]
    public static partial void RecomputeFailed(ILogger logger, Exception exception);
}
