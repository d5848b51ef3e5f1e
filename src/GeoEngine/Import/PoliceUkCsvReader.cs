using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CohesionGeo.GeoEngine.Import;

/// <summary>
/// Reads and validates a police.uk street-level CSV (<c>YYYY-MM-force-street.csv</c>) as a stream.
/// The header must be exactly the twelve published columns in order. Anti-social behaviour rows
/// have no Crime ID. Rows whose Longitude and Latitude are both empty are kept without a location
/// (counted in <see cref="WithoutLocation"/>). Invalid rows are counted in <see cref="RejectedRows"/>
/// and described (line, field, reason) in <see cref="Errors"/> (the first <see cref="MaxErrors"/>).
/// <para>
/// Row key (<see cref="PoliceUkRow.RowKey"/>): <c>YYYY-MM:&lt;first 128 bits of SHA-256 of the twelve
/// fields&gt;:&lt;n&gt;</c>, n being the occurrence of that exact content within the file (1, 2, ...).
/// Crime ID alone is not a key: in the Gwent sample the same Crime ID appears on several rows of one
/// month (different outcomes, and 289 byte-identical pairs), and ASB rows have none; identical ASB rows
/// at one snap point are separate reports. Content plus occurrence keeps every published row, is the
/// same however often (or under whatever file name) a month is imported, and does not depend on row
/// order. A re-published month whose outcomes changed gives new keys for the changed rows.
/// </para>
/// </summary>
public sealed class PoliceUkCsvReader
{
    /// <summary>The published columns, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
        "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context",
    ];

    /// <summary>police.uk's street-level crime types.</summary>
    public static readonly IReadOnlySet<string> CrimeTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Anti-social behaviour", "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs", "Other theft",
        "Possession of weapons", "Public order", "Robbery", "Shoplifting", "Theft from the person", "Vehicle crime",
        "Violence and sexual offences", "Other crime",
    };

    /// <summary>Crime type of ASB rows.</summary>
    public const string AntiSocialBehaviour = "Anti-social behaviour";

    /// <summary>Most errors kept in <see cref="Errors"/>; the rest are counted only.</summary>
    public const int MaxErrors = 200;

    // Coordinates police.uk can publish (England, Wales, Northern Ireland), WGS84 degrees.
    private const double MinLon = -8.7, MaxLon = 1.8, MinLat = 49.8, MaxLat = 61.0;

    private readonly TextReader _text;
    private readonly List<ImportError> _errors = [];

    public PoliceUkCsvReader(TextReader text)
    {
        _text = text;
    }

    /// <summary>Errors found so far (at most <see cref="MaxErrors"/>).</summary>
    public IReadOnlyList<ImportError> Errors => _errors;

    /// <summary>True when any error was found (including ones beyond <see cref="MaxErrors"/>).</summary>
    public bool HasErrors => ErrorCount > 0;

    /// <summary>All errors found, listed or not.</summary>
    public long ErrorCount { get; private set; }

    /// <summary>Data rows read (valid or not; blank lines excluded).</summary>
    public long RowsRead { get; private set; }

    /// <summary>Rows with at least one error.</summary>
    public long RejectedRows { get; private set; }

    /// <summary>Valid rows without coordinates.</summary>
    public long WithoutLocation { get; private set; }

    /// <summary>Valid anti-social behaviour rows.</summary>
    public long AsbRows { get; private set; }

    /// <summary>
    /// Opens a stream as UTF-8 (a byte-order mark for UTF-8/UTF-16 is honoured). Bytes that are not
    /// UTF-8 become U+FFFD, which validation reports with the line and field where they occur.
    /// </summary>
    public static TextReader OpenText(Stream stream) =>
        new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);

    /// <summary>Validates the header, then yields every valid row; invalid rows are recorded, not yielded.</summary>
    public IEnumerable<PoliceUkRow> ReadRows()
    {
        var csv = new CsvRecordReader(_text);
        var fields = new List<string>(16);
        var occurrences = new Dictionary<UInt128, int>();
        var hashInput = new StringBuilder(512);
        try
        {
            if (!csv.Read(fields))
            {
                AddError(1, "(file)", "the file is empty; expected the header " + string.Join(",", Columns));
                yield break;
            }
        }
        catch (CsvSyntaxException ex)
        {
            AddError(ex.Line, "(file)", ex.Message);
            yield break;
        }

        if (!CheckHeader(fields))
        {
            yield break;
        }

        while (true)
        {
            bool more;
            try
            {
                more = csv.Read(fields);
            }
            catch (CsvSyntaxException ex)
            {
                AddError(ex.Line, "(file)", ex.Message);
                RejectedRows++;
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // blank line
            }

            RowsRead++;
            var row = Validate(csv.RecordLine, fields, occurrences, hashInput);
            if (row is null)
            {
                RejectedRows++;
                continue;
            }

            if (row.Longitude is null)
            {
                WithoutLocation++;
            }

            if (row.CrimeType == AntiSocialBehaviour)
            {
                AsbRows++;
            }

            yield return row;
        }
    }

    private bool CheckHeader(List<string> header)
    {
        if (header.Count > 0 && header[0].Length > 0 && header[0][0] == '\uFEFF')
        {
            header[0] = header[0][1..];
        }

        var ok = true;
        for (var i = 0; i < Columns.Count; i++)
        {
            if (i >= header.Count)
            {
                AddError(1, Columns[i], $"column '{Columns[i]}' is missing from the header (found {header.Count} columns, expected {Columns.Count})");
                ok = false;
            }
            else if (!string.Equals(header[i].Trim(), Columns[i], StringComparison.Ordinal))
            {
                var missing = !header.Contains(Columns[i], StringComparer.Ordinal);
                AddError(1, Columns[i], missing
                    ? $"column '{Columns[i]}' is missing from the header (column {i + 1} is '{header[i]}')"
                    : $"column {i + 1} should be '{Columns[i]}' but is '{header[i]}' (columns are out of order)");
                ok = false;
            }
        }

        if (header.Count > Columns.Count)
        {
            AddError(1, header[Columns.Count], $"unexpected extra column '{header[Columns.Count]}' (the file has {header.Count} columns, expected {Columns.Count})");
            ok = false;
        }

        return ok;
    }

    private PoliceUkRow? Validate(long line, List<string> f, Dictionary<UInt128, int> occurrences, StringBuilder hashInput)
    {
        if (f.Count != Columns.Count)
        {
            AddError(line, "(record)", $"the row has {f.Count} fields, expected {Columns.Count}");
            return null;
        }

        var errorsBefore = ErrorCount;
        for (var i = 0; i < f.Count; i++)
        {
            if (f[i].Contains('\uFFFD', StringComparison.Ordinal))
            {
                AddError(line, Columns[i], "the text is not UTF-8 (the file is in another encoding; police.uk publishes UTF-8)");
                return null;
            }
        }

        DateOnly month = default;
        var monthText = f[1].Trim();
        if (monthText.Length != 7 || !DateOnly.TryParseExact(monthText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month))
        {
            AddError(line, "Month", $"'{Shorten(f[1])}' is not a month in the form YYYY-MM");
        }

        var lon = ParseCoordinate(line, "Longitude", f[4], MinLon, MaxLon);
        var lat = ParseCoordinate(line, "Latitude", f[5], MinLat, MaxLat);
        if (f[4].Trim().Length == 0 != (f[5].Trim().Length == 0))
        {
            AddError(line, f[4].Trim().Length == 0 ? "Longitude" : "Latitude", "one coordinate is given without the other");
        }

        var crimeType = f[9].Trim();
        if (!CrimeTypes.Contains(crimeType))
        {
            AddError(line, "Crime type", crimeType.Length == 0 ? "the crime type is empty" : $"'{Shorten(crimeType)}' is not a police.uk crime type");
        }

        var lsoa = f[7].Trim();
        if (lsoa.Length > 0 && (lsoa.Length != 9 || !char.IsAsciiLetterUpper(lsoa[0]) || lsoa.AsSpan(1).ContainsAnyExcept("0123456789")))
        {
            AddError(line, "LSOA code", $"'{Shorten(lsoa)}' is not an LSOA code (a letter and eight digits, e.g. W01001440)");
        }

        if (ErrorCount != errorsBefore)
        {
            return null;
        }

        hashInput.Clear();
        foreach (var value in f)
        {
            hashInput.Append(value).Append('\u001f');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(hashInput.ToString()));
        var id = new UInt128(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
        occurrences.TryGetValue(id, out var n);
        occurrences[id] = ++n;
        var key = string.Create(CultureInfo.InvariantCulture, $"{monthText}:{Convert.ToHexStringLower(hash, 0, 16)}:{n}");
        return new PoliceUkRow(
            key, line, NullIfEmpty(f[0]), month, NullIfEmpty(f[2]), NullIfEmpty(f[3]), lon, lat, NullIfEmpty(f[6]),
            NullIfEmpty(lsoa), NullIfEmpty(f[8]), crimeType, NullIfEmpty(f[10]), NullIfEmpty(f[11]));
    }

    private double? ParseCoordinate(long line, string field, string text, double min, double max)
    {
        var t = text.Trim();
        if (t.Length == 0)
        {
            return null;
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
        {
            AddError(line, field, $"'{Shorten(t)}' is not a number (decimal degrees, WGS84)");
            return null;
        }

        if (v < min || v > max)
        {
            AddError(line, field, string.Create(CultureInfo.InvariantCulture, $"{v} is outside the range police.uk publishes ({min} to {max} degrees)"));
            return null;
        }

        return v;
    }

    private void AddError(long line, string field, string reason)
    {
        ErrorCount++;
        if (_errors.Count < MaxErrors)
        {
            _errors.Add(new ImportError(line, field, reason));
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
