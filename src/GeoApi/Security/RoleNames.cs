namespace CohesionGeo.GeoApi.Security;

/// <summary>The wire and database spelling of <see cref="Role"/> (snake_case).</summary>
public static class RoleNames
{
    public static string ToWire(Role role) => role switch
    {
        Role.Viewer => "viewer",
        Role.Planner => "planner",
        Role.Doco => "doco",
        Role.CohesionLead => "cohesion_lead",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? text, out Role role)
    {
        foreach (var candidate in Enum.GetValues<Role>())
        {
            if (string.Equals(ToWire(candidate), text, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = Role.Viewer;
        return false;
    }
}
