using System.Globalization;
using CohesionGeo.GeoEngine.Assessment;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>
/// Limits and flag thresholds of the user workflows (DOCO evidence pack, site dossier), read once at
/// start-up and validated there (a bad value stops the program with the variable named).
/// <c>COHESIONGEO_DOCO_MAX_AREA_KM2</c>: largest planning boundary a DOCO review accepts, km², default 5.
/// Site flags: <c>COHESIONGEO_FLAG_GP_MINUTES</c> (30), <c>COHESIONGEO_FLAG_YOUTH_CLUB_MINUTES</c> (30),
/// <c>COHESIONGEO_FLAG_ASB_PERCENTILE</c> (90), <c>COHESIONGEO_FLAG_TENSION_LEVEL</c> (4), <c>COHESIONGEO_FLAG_TENSION_DAYS</c> (28).
/// Way home: <c>COHESIONGEO_WAY_HOME_SERVICES</c> (gp,day_centre,youth_club), <c>COHESIONGEO_WAY_HOME_EVENING_FROM</c> (16:00),
/// <c>COHESIONGEO_WAY_HOME_EVENING_MINUTES</c> (180), <c>COHESIONGEO_WAY_HOME_RATIO</c> (2).
/// </summary>
public sealed record AssessmentOptions
{
    /// <summary>Largest boundary of a DOCO review, km².</summary>
    public double DocoMaxAreaKm2 { get; init; } = 5;

    /// <summary>Thresholds of the dispersal-site flags.</summary>
    public SiteFlagThresholds SiteFlags { get; init; } = new();

    /// <summary>The dossier's way-home check: service kinds, evening window and ratio.</summary>
    public WayHomeThresholds WayHome { get; init; } = WayHomeThresholds.Default;

    /// <param name="variables">Where to read variables; the process environment when null (tests pass their own).</param>
    /// <exception cref="OptionsException">A value is not a number in range.</exception>
    public static AssessmentOptions FromEnvironment(Func<string, string?>? variables = null)
    {
        var get = variables ?? Environment.GetEnvironmentVariable;
        return new AssessmentOptions
        {
            DocoMaxAreaKm2 = Read(get, "COHESIONGEO_DOCO_MAX_AREA_KM2", 5, 0.01, 100),
            SiteFlags = new SiteFlagThresholds(
                Read(get, "COHESIONGEO_FLAG_GP_MINUTES", 30, 1, 240),
                Read(get, "COHESIONGEO_FLAG_YOUTH_CLUB_MINUTES", 30, 1, 240),
                Read(get, "COHESIONGEO_FLAG_ASB_PERCENTILE", 90, 1, 99.9),
                (int)Read(get, "COHESIONGEO_FLAG_TENSION_LEVEL", 4, 1, 6),
                (int)Read(get, "COHESIONGEO_FLAG_TENSION_DAYS", 28, 1, 365)),
            WayHome = new WayHomeThresholds(
                Kinds(get, "COHESIONGEO_WAY_HOME_SERVICES", WayHomeThresholds.Default.Services),
                Clock(get, "COHESIONGEO_WAY_HOME_EVENING_FROM", WayHomeThresholds.Default.EveningFromSeconds),
                (int)Read(get, "COHESIONGEO_WAY_HOME_EVENING_MINUTES", WayHomeThresholds.Default.EveningMinutes, 10, 360),
                Read(get, "COHESIONGEO_WAY_HOME_RATIO", WayHomeThresholds.Default.Ratio, 1, 10)),
        };
    }

    private static IReadOnlyList<string> Kinds(Func<string, string?> get, string name, IReadOnlyList<string> fallback)
    {
        var text = get(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        var kinds = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (kinds.Length == 0 || kinds.Any(k => k.Length > 40 || !k.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')))
        {
            throw new OptionsException($"{name}='{text}' must be a comma-separated list of facility kinds (lower case, digits, _), e.g. gp,day_centre,youth_club.");
        }

        return [.. kinds.Distinct(StringComparer.Ordinal)];
    }

    private static int Clock(Func<string, string?> get, string name, int fallback)
    {
        var text = get(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!TimeOnly.TryParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            throw new OptionsException($"{name}='{text}' must be a time of day HH:MM, e.g. 16:00.");
        }

        return (int)t.ToTimeSpan().TotalSeconds;
    }

    private static double Read(Func<string, string?> get, string name, double fallback, double min, double max)
    {
        var text = get(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min || value > max)
        {
            throw new OptionsException(string.Create(CultureInfo.InvariantCulture, $"{name}='{text}' must be a number from {min} to {max}."));
        }

        return value;
    }
}
