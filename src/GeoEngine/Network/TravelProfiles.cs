using System.Globalization;

namespace CohesionGeo.GeoEngine.Network;

/// <summary>
/// The travel profiles: what each mode may use and how fast, from a way's OSM tags. Evaluate once
/// per distinct tag set (the OSM reader caches by <see cref="ProfileKeys"/>).
/// <list type="bullet">
/// <item>walk: 4.8 km/h on footways, paths, steps, pedestrian streets, living streets, residential and other
/// roads, tracks; not motorways; trunk roads only with a sidewalk or <c>foot=yes</c>; <c>foot</c> then
/// <c>access</c> decide (<c>no</c>, <c>private</c>, <c>use_sidepath</c> refuse). One-way tags do not bind walkers.</item>
/// <item>cycle: by class (cycleway 18, main roads 20, minor roads 16, service/track/path/bridleway 12 km/h), times a
/// surface factor (0.5–1); footways and pedestrian streets only with <c>bicycle=yes|designated|permissive</c>;
/// <c>bicycle</c>, <c>vehicle</c>, <c>access</c>; one-way unless <c>oneway:bicycle=no</c> or a contraflow <c>cycleway=opposite*</c>.</item>
/// <item>drive: DfT Journey Time Statistics morning-peak speeds by class (motorway 77.6, trunk/primary 43.2,
/// secondary 41.9, tertiary 36.3, unclassified/residential 18.3, service 15.3; living street 10 km/h), capped by
/// <c>maxspeed</c> (UK: mph; bare numbers are km/h as OSM defines); <c>motorcar</c>, <c>motor_vehicle</c>, <c>vehicle</c>,
/// <c>access</c>; <c>oneway</c> (yes/-1), roundabouts and motorways one-way.</item>
/// </list>
/// <c>highway=construction</c>, <c>proposed</c>, <c>platform</c>, <c>raceway</c> and the like are not routable.
/// </summary>
public static class TravelProfiles
{
    /// <summary>Default walking speed, km/h.</summary>
    public const double WalkSpeedKmh = 4.8;

    /// <summary>The tags the profiles read; two ways with the same values here get the same profile.</summary>
    public static IReadOnlyList<string> ProfileKeys { get; } =
    [
        "highway", "access", "foot", "bicycle", "vehicle", "motor_vehicle", "motorcar", "oneway", "oneway:bicycle",
        "junction", "maxspeed", "surface", "sidewalk", "sidewalk:both", "sidewalk:left", "sidewalk:right", "cycleway", "service",
    ];

    private static readonly HashSet<string> Refused = new(StringComparer.Ordinal) { "no", "private", "use_sidepath" };
    private static readonly HashSet<string> Granted = new(StringComparer.Ordinal) { "yes", "designated", "permissive", "destination", "customers", "official" };

    /// <summary>Evaluates the profiles for one tag set; <paramref name="tag"/> returns a tag's value or null.</summary>
    public static WayProfile Evaluate(Func<string, string?> tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var highway = tag("highway");
        if (highway is null || IsNeverRoutable(highway))
        {
            return WayProfile.None;
        }

        var forward = new double[TravelModes.Count];
        var backward = new double[TravelModes.Count];

        var walk = WalkKmh(highway, tag);
        forward[(int)TravelMode.Walk] = walk;
        backward[(int)TravelMode.Walk] = walk;

        var cycle = CycleKmh(highway, tag);
        var (cycleForward, cycleBackward) = CycleDirections(highway, tag);
        forward[(int)TravelMode.Cycle] = cycleForward ? cycle : 0;
        backward[(int)TravelMode.Cycle] = cycleBackward ? cycle : 0;

        var drive = DriveKmh(highway, tag);
        var (driveForward, driveBackward) = Oneway(highway, tag);
        forward[(int)TravelMode.Drive] = driveForward ? drive : 0;
        backward[(int)TravelMode.Drive] = driveBackward ? drive : 0;
        return new WayProfile(forward, backward);
    }

    /// <summary>Parses an OSM <c>maxspeed</c> to km/h (UK forms: "30 mph", "GB:nsl_single", "GB:nsl_dual", "GB:motorway"); null when unknown or "none".</summary>
    public static double? ParseMaxSpeedKmh(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var v = value.Split(';')[0].Trim().ToLowerInvariant();
        switch (v)
        {
            case "gb:nsl_single" or "uk:nsl_single" or "national" or "gb:nsl_restricted" or "nsl_single":
                return 60 * MphToKmh;
            case "gb:nsl_dual" or "uk:nsl_dual" or "gb:motorway" or "uk:motorway" or "nsl_dual":
                return 70 * MphToKmh;
            case "walk":
                return 6;
            case "gb:zone20":
                return 20 * MphToKmh;
        }

        if (v.EndsWith("mph", StringComparison.Ordinal))
        {
            return double.TryParse(v[..^3].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var mph) && mph > 0 ? mph * MphToKmh : null;
        }

        if (v.EndsWith("km/h", StringComparison.Ordinal))
        {
            v = v[..^4].Trim();
        }

        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var kmh) && kmh > 0 ? kmh : null;
    }

    /// <summary>1 mile per hour in km/h.</summary>
    public const double MphToKmh = 1.609344;

    private static bool IsNeverRoutable(string highway) => highway is
        "construction" or "proposed" or "planned" or "abandoned" or "disused" or "razed" or "platform" or "raceway"
        or "bus_guideway" or "busway" or "rest_area" or "services" or "escape" or "emergency_bay" or "via_ferrata" or "bus_stop" or "no";

    private static double WalkKmh(string highway, Func<string, string?> tag)
    {
        var rule = tag("foot") ?? tag("access");
        if (rule is not null && Refused.Contains(rule))
        {
            return 0;
        }

        var granted = tag("foot") is { } foot && Granted.Contains(foot);
        var byClass = highway switch
        {
            "motorway" or "motorway_link" => false,
            "trunk" or "trunk_link" => HasSidewalk(tag),
            "footway" or "path" or "steps" or "pedestrian" or "living_street" or "residential" or "track" or "service"
                or "unclassified" or "road" or "tertiary" or "tertiary_link" or "secondary" or "secondary_link"
                or "primary" or "primary_link" or "cycleway" or "bridleway" or "corridor" or "elevator" or "crossing" => true,
            _ => false,
        };
        return byClass || granted ? WalkSpeedKmh : 0;
    }

    private static bool HasSidewalk(Func<string, string?> tag) =>
        tag("sidewalk") is "both" or "left" or "right" or "yes"
        || tag("sidewalk:both") is "yes" || tag("sidewalk:left") is "yes" || tag("sidewalk:right") is "yes";

    private static double CycleKmh(string highway, Func<string, string?> tag)
    {
        var bicycle = tag("bicycle");
        var rule = bicycle ?? tag("vehicle") ?? tag("access");
        if (rule is not null && Refused.Contains(rule))
        {
            return 0;
        }

        if (bicycle == "dismount")
        {
            return WalkSpeedKmh;
        }

        var granted = bicycle is not null && Granted.Contains(bicycle);
        var byClass = highway switch
        {
            "cycleway" => 18.0,
            "trunk" or "trunk_link" or "primary" or "primary_link" or "secondary" or "secondary_link" => 20.0,
            "tertiary" or "tertiary_link" or "unclassified" or "residential" or "road" => 16.0,
            "living_street" => 10.0,
            "service" or "track" or "path" or "bridleway" => 12.0,
            "footway" or "pedestrian" => granted ? 12.0 : 0,
            _ => granted ? 10.0 : 0,
        };
        return byClass * SurfaceFactor(tag("surface"));
    }

    private static double SurfaceFactor(string? surface) => surface switch
    {
        null or "asphalt" or "paved" or "concrete" or "concrete:plates" or "paving_stones" or "chipseal" => 1.0,
        "compacted" or "fine_gravel" or "metal" or "wood" => 0.8,
        "gravel" or "unpaved" or "pebblestone" or "sett" or "cobblestone" or "unhewn_cobblestone" or "grass_paver" => 0.7,
        "ground" or "dirt" or "earth" or "grass" or "mud" or "sand" or "woodchips" or "rock" => 0.5,
        _ => 0.8,
    };

    private static (bool Forward, bool Backward) CycleDirections(string highway, Func<string, string?> tag)
    {
        if (tag("oneway:bicycle") is "no" || tag("cycleway") is "opposite" or "opposite_lane" or "opposite_track")
        {
            return (true, true);
        }

        return Oneway(highway, tag);
    }

    private static (bool Forward, bool Backward) Oneway(string highway, Func<string, string?> tag)
    {
        var oneway = tag("oneway");
        switch (oneway)
        {
            case "yes" or "true" or "1":
                return (true, false);
            case "-1" or "reverse":
                return (false, true);
            case "no" or "false" or "0":
                return (true, true);
            case "reversible" or "alternating":
                return (false, false);
        }

        if (tag("junction") is "roundabout" or "circular" || highway is "motorway" or "motorway_link")
        {
            return (true, false);
        }

        return (true, true);
    }

    private static double DriveKmh(string highway, Func<string, string?> tag)
    {
        var specific = tag("motorcar") ?? tag("motor_vehicle") ?? tag("vehicle");
        var rule = specific ?? tag("access");
        if (rule is not null && (Refused.Contains(rule) || rule is "agricultural" or "forestry" or "delivery" or "emergency" or "psv" or "bus"))
        {
            return 0;
        }

        if (tag("service") is "emergency_access")
        {
            return 0;
        }

        var granted = specific is not null && Granted.Contains(specific);
        var byClass = highway switch
        {
            "motorway" or "motorway_link" => 77.6,
            "trunk" or "trunk_link" or "primary" or "primary_link" => 43.2,
            "secondary" or "secondary_link" => 41.9,
            "tertiary" or "tertiary_link" => 36.3,
            "unclassified" or "residential" or "road" => 18.3,
            "service" => 15.3,
            "living_street" => 10.0,
            "track" => granted ? 10.0 : 0,
            _ => 0,
        };
        if (byClass > 0 && ParseMaxSpeedKmh(tag("maxspeed")) is { } cap)
        {
            byClass = Math.Min(byClass, cap);
        }

        return byClass;
    }
}
