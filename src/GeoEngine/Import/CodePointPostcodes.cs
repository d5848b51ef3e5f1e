using System.Globalization;

namespace CohesionGeo.GeoEngine.Import;

/// <summary>
/// Postcode geocoder on OS Code-Point Open (CSV without header: postcode, positional quality,
/// easting, northing, … in EPSG:27700 metres). A postcode resolves to its unit's centroid, which is
/// the mean of its delivery points, not a building: callers mark such positions imprecise. Lookup
/// ignores case and spaces ("np20 4ej" = "NP204EJ"). Rows with quality 90 (no coordinates) are skipped.
/// </summary>
public sealed class CodePointPostcodes
{
    private readonly Dictionary<string, (double E, double N)> _units;

    private CodePointPostcodes(Dictionary<string, (double E, double N)> units) => _units = units;

    /// <summary>Number of postcode units known.</summary>
    public int Count => _units.Count;

    /// <summary>Loads every <c>*.csv</c> of a Code-Point Open folder except the header/metadata files.</summary>
    public static CodePointPostcodes LoadDirectory(string directory)
    {
        var units = new Dictionary<string, (double E, double N)>(130_000, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.csv").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file).Contains("Header", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            using var reader = new StreamReader(file);
            Read(reader, units);
        }

        return new CodePointPostcodes(units);
    }

    /// <summary>Loads Code-Point rows from a reader (tests).</summary>
    public static CodePointPostcodes Load(TextReader reader)
    {
        var units = new Dictionary<string, (double E, double N)>(StringComparer.Ordinal);
        Read(reader, units);
        return new CodePointPostcodes(units);
    }

    /// <summary>Upper case, no spaces: the key every lookup uses.</summary>
    public static string Normalise(string postcode)
    {
        ArgumentNullException.ThrowIfNull(postcode);
        return string.Concat(postcode.Where(c => !char.IsWhiteSpace(c) && c != '"')).ToUpperInvariant();
    }

    /// <summary>The unit centroid in EPSG:27700, or false when the postcode is unknown.</summary>
    public bool TryLocate(string postcode, out double easting, out double northing)
    {
        if (_units.TryGetValue(Normalise(postcode), out var p))
        {
            (easting, northing) = p;
            return true;
        }

        easting = northing = 0;
        return false;
    }

    private static void Read(TextReader reader, Dictionary<string, (double E, double N)> units)
    {
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(',');
            if (parts.Length < 4)
            {
                continue;
            }

            if (parts[1].Trim() == "90"
                || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var e)
                || !double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                || (e == 0 && n == 0))
            {
                continue;
            }

            units[Normalise(parts[0])] = (e, n);
        }
    }
}
