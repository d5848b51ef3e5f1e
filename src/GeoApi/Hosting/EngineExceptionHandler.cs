using CohesionGeo.GeoEngine.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>
/// The one place where engine refusals become problem+json: the status comes from
/// <see cref="EngineException.Kind"/>; <c>code</c>, <c>params</c> and (with a field) <c>errors</c>
/// are extensions, so the map can translate the sentence.
/// </summary>
public sealed class EngineExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not EngineException engine)
        {
            return false;
        }

        var status = StatusFor(engine.Kind);
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = engine.Title, Detail = engine.Message };
        problem.Extensions["code"] = engine.Code;
        problem.Extensions["params"] = engine.Parameters;
        if (engine.Field is { } field)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [engine.Message] };
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The HTTP status for each kind of refusal.</summary>
    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };
}
