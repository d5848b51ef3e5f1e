using System.Globalization;
using CohesionGeo.GeoEngine.Assessment;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>
/// Limits and flag thresholds of the user workflows (DOCO evidence pack, site dossier), read once at
/// start-up and validated there (a bad value stops the program with the variable named).
/// <c>COHESIONGEO_DOCO_MAX_AREA_KM2</c>: largest planning boundary a DOCO review accepts, km², default 5.
/// Site flags: <c>COHESIONGEO_FLAG_GP_MINUTES</c> (30), <c>COHESIONGEO_FLAG_YOUTH_CLUB_MINUTES</c> (30),
/// <c>COHESIONGEO_FLAG_ASB_PERCENTILE</c> (90), <c>COHESIONGEO_FLAG_TENSION_LEVEL</c> (4), <c>COHESIONGEO_FLAG_TENSION_DAYS</c> (28).
/// </summary>
public sealed record AssessmentOptions
{
    /// <summary>Largest boundary of a DOCO review, km².</summary>
    public double DocoMaxAreaKm2 { get; init; } = 5;

    /// <summary>Thresholds of the dispersal-site flags.</summary>
    public SiteFlagThresholds SiteFlags { get; init; } = new();

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
        };
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
