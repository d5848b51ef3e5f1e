namespace CohesionGeo.GeoApi.Security;

/// <summary>
/// Endpoint filter: the caller must hold one of the roles (admins always pass). Anonymous callers get
/// 401, signed-in callers with another role 403, both as problem+json. Checked on every request.
/// </summary>
public static class RoleRequirement
{
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params Role[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var caller = Caller.From(context.HttpContext.User);
            if (caller.HasAnyRole(roles))
            {
                return await next(context);
            }

            return caller.IsAnonymous
                ? Results.Problem(title: "Sign-in needed", detail: "This needs a valid token: send 'Authorization: Bearer <token>'.", statusCode: StatusCodes.Status401Unauthorized)
                : Results.Problem(title: "Not allowed for your role", detail: $"The '{RoleNames.ToWire(caller.Role)}' role may not use this.", statusCode: StatusCodes.Status403Forbidden);
        });
        return builder;
    }
}
