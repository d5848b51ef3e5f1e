namespace CohesionGeo.GeoApi.Security;

/// <summary>
/// A request that sends a token we do not accept is refused (401), not quietly served as anonymous:
/// a typo in a token must not look like "no data".
/// </summary>
public sealed class RejectBadTokenMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0 && context.User.Identity?.IsAuthenticated != true)
        {
            await Results.Problem(
                title: "Token refused",
                detail: "The bearer token is unknown, disabled or malformed; send 'Authorization: Bearer <token>' with a token from './cohesiongeo users add'.",
                statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
