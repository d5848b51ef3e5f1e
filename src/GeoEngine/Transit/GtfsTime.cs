using System.Globalization;

namespace CohesionGeo.GeoEngine.Transit;

/// <summary>GTFS times ("H:MM:SS", hours may exceed 23) as seconds after midnight of the service day.</summary>
public static class GtfsTime
{
    /// <summary>Parses "HH:MM:SS" or "H:MM:SS"; hours 0–47 (trips may run past midnight).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int seconds)
    {
        seconds = 0;
        text = text.Trim();
        var first = text.IndexOf(':');
        if (first <= 0 || text.Length - first != 6 || text[first + 3] != ':')
        {
            return false;
        }

        if (!int.TryParse(text[..first], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(text.Slice(first + 1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(text.Slice(first + 4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            || h > 47 || m > 59 || s > 59)
        {
            return false;
        }

        seconds = (h * 3600) + (m * 60) + s;
        return true;
    }

    /// <summary>Formats seconds as "HH:MM:SS" (hours may exceed 23).</summary>
    public static string Format(int seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
}
