using System.Globalization;
using CohesionGeo.GeoEngine.Risk;

namespace CohesionGeo.GeoEngine.Import;

/// <summary>
/// Validation of tension reports, field by field (field names as on the wire: <c>date</c>, <c>tier</c>,
/// <c>level</c>, <c>theme</c>, <c>area_code</c>, <c>lon</c>, <c>lat</c>, <c>summary</c>, <c>partner</c>,
/// <c>synthetic</c>). Dates are ISO <c>YYYY-MM-DD</c>, not in the future; lon/lat WGS84 within Wales
/// and its borders (−5.8..−2.0, 51.2..53.6).
/// </summary>
public static class TensionReportRules
{
    public static readonly IReadOnlyList<string> Tiers = ["evidenced", "experienced", "potential"];

    public static readonly IReadOnlyList<string> Themes =
    [
        "asylum_and_refugees", "lgbtq", "religion", "race", "misogyny", "far_right_activity", "protest", "youth_asb", "online_narrative", "other",
    ];

    public const int MaxSummaryLength = 2000;

    /// <returns>The report, or null with <paramref name="errors"/> filled (field → messages).</returns>
    public static TensionReport? Validate(TensionReportInput input, DateOnly today, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        DateOnly date = default;
        if (string.IsNullOrWhiteSpace(input.Date))
        {
            errors["date"] = ["date is required (YYYY-MM-DD)."];
        }
        else if (!DateOnly.TryParseExact(input.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors["date"] = [$"'{input.Date}' is not a date in the form YYYY-MM-DD."];
        }
        else if (date > today)
        {
            errors["date"] = [$"{date:yyyy-MM-dd} is in the future."];
        }

        var tier = input.Tier?.Trim().ToLowerInvariant();
        if (tier is null || !Tiers.Contains(tier))
        {
            errors["tier"] = [$"tier must be one of {string.Join(", ", Tiers)}" + (tier is null ? "." : $"; got '{input.Tier}'.")];
        }

        var level = 0;
        if (!int.TryParse(input.Level?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out level) || level is < 1 or > 6)
        {
            errors["level"] = [$"level must be a whole number from 1 to 6" + (input.Level is null ? "." : $"; got '{input.Level}'.")];
        }

        var theme = input.Theme?.Trim().ToLowerInvariant();
        if (theme is null || !Themes.Contains(theme))
        {
            errors["theme"] = [$"theme must be one of {string.Join(", ", Themes)}" + (theme is null ? "." : $"; got '{input.Theme}'.")];
        }

        var area = string.IsNullOrWhiteSpace(input.AreaCode) ? null : input.AreaCode.Trim();
        if (area is not null && (area.Length > 20 || area.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_')))
        {
            errors["area_code"] = [$"'{area}' is not an area code (an LSOA code such as W01001629, or a hex code)."];
        }

        double? lon = ParseCoordinate(input.Lon, "lon", -5.8, -2.0, errors);
        double? lat = ParseCoordinate(input.Lat, "lat", 51.2, 53.6, errors);
        if ((lon is null) != (lat is null) && !errors.ContainsKey("lon") && !errors.ContainsKey("lat"))
        {
            errors[lon is null ? "lon" : "lat"] = ["give both lon and lat, or neither."];
        }

        if (area is null && lon is null && !errors.ContainsKey("lon") && !errors.ContainsKey("lat"))
        {
            errors["area_code"] = ["give an area_code or a point (lon, lat)."];
        }

        var summary = string.IsNullOrWhiteSpace(input.Summary) ? null : input.Summary.Trim();
        if (summary is { Length: > MaxSummaryLength })
        {
            errors["summary"] = [$"summary is longer than {MaxSummaryLength} characters."];
        }

        var synthetic = false;
        if (!string.IsNullOrWhiteSpace(input.Synthetic) && !bool.TryParse(input.Synthetic.Trim(), out synthetic))
        {
            errors["synthetic"] = [$"synthetic must be true or false; got '{input.Synthetic}'."];
        }

        return errors.Count > 0
            ? null
            : new TensionReport(date, tier!, level, theme!, area, lon, lat, summary, string.IsNullOrWhiteSpace(input.Partner) ? null : input.Partner.Trim(), synthetic);
    }

    private static double? ParseCoordinate(string? text, string field, double min, double max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
        {
            errors[field] = [$"'{text}' is not a number (WGS84 degrees)."];
            return null;
        }

        if (v < min || v > max)
        {
            errors[field] = [string.Create(CultureInfo.InvariantCulture, $"{v} is outside Wales and its borders ({min} to {max}).")];
            return null;
        }

        return v;
    }
}
