using CohesionGeo.GeoApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary><c>GET /api/v1/me</c>: who the server thinks the caller is.</summary>
public static class SecurityEndpoints
{
    public static IEndpointRouteBuilder MapSecurityEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/me", (HttpContext http) =>
        {
            var caller = Caller.From(http.User);
            return TypedResults.Ok(new MeResponse(caller.Name, RoleNames.ToWire(caller.Role), caller.IsAnonymous));
        }).WithName("me").WithSummary("The caller's name and role (anonymous callers are viewers).");
        return routes;
    }
}

public sealed record MeResponse(string Name, string Role, bool Anonymous);
