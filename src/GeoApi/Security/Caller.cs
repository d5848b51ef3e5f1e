using System.Security.Claims;

namespace CohesionGeo.GeoApi.Security;

/// <summary>The person behind a request: a named API user, or the anonymous viewer.</summary>
public sealed record Caller(string Name, Role Role)
{
    public static readonly Caller Anonymous = new("anonymous", Role.Viewer);

    public bool IsAnonymous => ReferenceEquals(this, Anonymous) || Name == Anonymous.Name;

    /// <summary>True when this caller holds one of <paramref name="roles"/>; admins hold every role.</summary>
    public bool HasAnyRole(params ReadOnlySpan<Role> roles)
    {
        if (Role == Role.Admin)
        {
            return true;
        }

        foreach (var r in roles)
        {
            if (r == Role)
            {
                return true;
            }
        }

        return false;
    }

    public static Caller From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        var roleText = user.FindFirstValue(ClaimTypes.Role);
        return RoleNames.TryParse(roleText, out var role) ? new Caller(user.Identity.Name ?? "unknown", role) : Anonymous;
    }
}
