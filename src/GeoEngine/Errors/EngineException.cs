namespace CohesionGeo.GeoEngine.Errors;

/// <summary>
/// A refusal raised by an engine workflow, with a stable machine <see cref="Code"/> (snake_case,
/// e.g. <c>point_off_network</c>, <c>no_timetable</c>, <c>no_service_on_date</c>,
/// <c>area_too_large</c>) and the <see cref="Parameters"/> a client needs to write the sentence in
/// its own language. <see cref="Exception.Message"/> is the English sentence; <see cref="Field"/>
/// names the request field at fault, when there is one (e.g. <c>sites[3]</c>, <c>bbox</c>).
/// </summary>
/// <remarks>
/// The API turns every one of these into problem+json once (status from <see cref="Kind"/>,
/// extensions <c>code</c>, <c>params</c> and, with a field, <c>errors</c>); endpoints do not catch them.
/// </remarks>
public class EngineException : Exception
{
    private static readonly IReadOnlyDictionary<string, object?> NoParameters = new Dictionary<string, object?>();

    public EngineException(ErrorKind kind, string code, string message, string? field = null,
        IReadOnlyDictionary<string, object?>? parameters = null, Exception? inner = null)
        : base(message, inner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Kind = kind;
        Code = code;
        Field = field;
        Parameters = parameters ?? NoParameters;
    }

    /// <summary>What kind of refusal this is; decides the HTTP status.</summary>
    public ErrorKind Kind { get; }

    /// <summary>Stable machine code, snake_case; clients translate on it.</summary>
    public string Code { get; }

    /// <summary>The request field at fault (wire name), or null when the refusal is not about one field.</summary>
    public string? Field { get; }

    /// <summary>Values the sentence mentions (numbers, names, limits), keyed by snake_case name.</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; }

    /// <summary>A short title for the kind of refusal, English; the API uses it as problem+json <c>title</c>.</summary>
    public string Title { get; init; } = "The request cannot be answered";
}
