using System.Globalization;

namespace CohesionGeo.GeoEngine.Assessment;

/// <summary>
/// The dispersal-site flags (issue 8): <c>gp_far</c>, <c>no_youth_club</c>, <c>asb_high</c>, <c>tension_high</c>.
/// Each raised flag's <see cref="SiteFlag.Why"/> names the figure and the threshold. A flag whose figures are
/// missing (mode not computed, no LSOA loaded, no police.uk data) is not raised; callers say what is missing.
/// </summary>
public static class SiteFlags
{
    public static IReadOnlyList<SiteFlag> Evaluate(SiteFlagInputs s, SiteFlagThresholds t)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(t);
        var flags = new List<SiteFlag>();
        var gpWalkFar = s.GpWalkMinutes is null || s.GpWalkMinutes > t.GpMinutes;
        var gpTransitFar = !s.TransitKnown || s.GpTransitMinutes is null || s.GpTransitMinutes > t.GpMinutes;
        if (gpWalkFar && gpTransitFar)
        {
            flags.Add(new SiteFlag("gp_far", Text(
                $"nearest GP {Minutes(s.GpWalkMinutes)} on foot and {(s.TransitKnown ? Minutes(s.GpTransitMinutes) : "unknown (public transport not computed)")} by public transport; threshold {t.GpMinutes:0.#} min.")));
        }

        var youthWalkFar = s.YouthClubWalkMinutes is null || s.YouthClubWalkMinutes > t.YouthClubMinutes;
        var youthTransitFar = !s.TransitKnown || s.YouthClubTransitMinutes is null || s.YouthClubTransitMinutes > t.YouthClubMinutes;
        if (youthWalkFar && youthTransitFar)
        {
            flags.Add(new SiteFlag("no_youth_club", Text(
                $"no youth club within {t.YouthClubMinutes:0.#} min: nearest {Minutes(s.YouthClubWalkMinutes)} on foot, {(s.TransitKnown ? Minutes(s.YouthClubTransitMinutes) : "unknown (public transport not computed)")} by public transport.")));
        }

        if (s.AsbPerKm2 is { } asb && s.AreaAsbPercentilePerKm2 is { } p && asb > p)
        {
            flags.Add(new SiteFlag("asb_high", Text(
                $"ASB within 400 m is {asb:0.#} per km² over 12 months, above the {t.AsbPercentile:0.#}th percentile of LSOA ASB densities ({p:0.#} per km²).")));
        }

        if (s.MaxRecentTensionLevel is { } level && level >= t.TensionLevel)
        {
            flags.Add(new SiteFlag("tension_high", Text(
                $"tension level {level} reported on {s.MaxRecentTensionDate:yyyy-MM-dd} in {s.AreaCode}; threshold level {t.TensionLevel} within {t.TensionDays} days.")));
        }

        return flags;
    }

    private static string Minutes(double? minutes) => minutes is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) + " min" : "unreachable";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
