using System.Text.RegularExpressions;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>Database names we create ourselves: plain lower-case identifiers, so they can be quoted safely in DDL.</summary>
public static partial class DatabaseName
{
    /// <exception cref="ArgumentException">The name is not <c>[a-z_][a-z0-9_]{0,62}</c>.</exception>
    public static void Validate(string name)
    {
        if (!Pattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name ([a-z_][a-z0-9_]*, at most 63 characters).", nameof(name));
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Pattern();
}
