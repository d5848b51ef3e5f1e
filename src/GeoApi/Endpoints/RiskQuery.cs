using System.Globalization;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>Parsing and wording shared by the risk endpoints.</summary>
public static class RiskQuery
{
    /// <summary>Largest study box for hotspots (m²): 2,500 km², about 15,000 cells of 250 m.</summary>
    public const double MaxExtentSquareMetres = 2.5e9;

    /// <summary>Said wherever police.uk locations are shown.</summary>
    public const string Caveat =
        "police.uk locations are snapped to anonymised points (a street, a park, a station), not the true place; rows without a location are counted by LSOA only. " +
        "Counts also follow where people live and go. Counts from 1 to 4 are shown as 'fewer than 5' to viewers.";

    public static string Method(double band) => string.Create(CultureInfo.InvariantCulture,
        $"Getis-Ord Gi* on 250 m hexagons (places.ensure_hex_grid), binary distance-band weights of {band} m between cell centres, self included; two-sided p from z; Benjamini-Hochberg FDR over all cells; class 3/2/1 when the adjusted p <= 0.01/0.05/0.10 (99/95/90 %), sign of z: hot or cold.");

    /// <summary>Parses <c>YYYY-MM</c> to the first day of the month; null when absent.</summary>
    public static DateOnly? ParseMonth(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length == 7 && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return month;
        }

        errors[field] = [$"'{text}' is not a month in the form YYYY-MM."];
        return null;
    }

    /// <summary>Parses <c>minLon,minLat,maxLon,maxLat</c> (WGS84); null when absent.</summary>
    public static (double MinLon, double MinLat, double MaxLon, double MaxLat)? ParseBox(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split(',');
        var v = new double[4];
        if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out v[i])).All(ok => ok)
            || v[0] >= v[2] || v[1] >= v[3] || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90)
        {
            errors["bbox"] = ["bbox must be minLon,minLat,maxLon,maxLat in WGS84 degrees, min below max."];
            return null;
        }

        return (v[0], v[1], v[2], v[3]);
    }
}
