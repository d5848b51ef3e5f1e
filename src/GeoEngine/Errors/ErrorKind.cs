namespace CohesionGeo.GeoEngine.Errors;

/// <summary>
/// What kind of refusal an <see cref="EngineException"/> is. The API maps each kind to one HTTP
/// status in one place (<c>GeoApi/Hosting/EngineExceptionHandler</c>); the CLI to one sentence.
/// </summary>
public enum ErrorKind
{
    /// <summary>The input is malformed or out of range (HTTP 400).</summary>
    InvalidInput,

    /// <summary>Something named in the request does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>The request clashes with work in progress or with stored state (HTTP 409).</summary>
    Conflict,

    /// <summary>The request asks for more than the service allows in one go (HTTP 413).</summary>
    TooLarge,

    /// <summary>Well-formed, but the loaded data cannot answer it: off the network, no timetable, no service that day (HTTP 422).</summary>
    Unprocessable,

    /// <summary>A dependency the answer needs is not loaded or not reachable (HTTP 503).</summary>
    Unavailable,
}
