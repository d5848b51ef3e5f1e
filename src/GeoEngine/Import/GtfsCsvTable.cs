using System.Globalization;
using System.Text;

namespace CohesionGeo.GeoEngine.Import;

/// <summary>Reads one GTFS CSV file row by row with header lookup and located errors.</summary>
internal sealed class GtfsCsvTable : IDisposable
{
    private readonly StreamReader _reader;
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private int _nextLine = 1;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private string[] _row = [];

    public GtfsCsvTable(string file, Stream stream)
    {
        File = file;
        _reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        if (!ReadRecord())
        {
            throw new GtfsFormatException(file, 0, null, "the file is empty (it needs a header line)");
        }

        var header = _row;
        for (var i = 0; i < header.Length; i++)
        {
            _columns.TryAdd(header[i].Trim().TrimStart('\uFEFF'), i);
        }
    }

    public string File { get; }

    /// <summary>1-based line of the current row in the file.</summary>
    public int Line { get; private set; } = 1;

    public void Require(params string[] columns)
    {
        foreach (var c in columns)
        {
            if (!_columns.ContainsKey(c))
            {
                throw new GtfsFormatException(File, 1, c, $"required column '{c}' is missing from the header");
            }
        }
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    public bool Read()
    {
        while (ReadRecord())
        {
            if (_row.Length == 1 && _row[0].Length == 0)
            {
                continue; // blank line
            }

            return true;
        }

        return false;
    }

    /// <summary>One RFC 4180 record (quoted fields may hold commas, quotes and line breaks).</summary>
    private bool ReadRecord()
    {
        var c = _reader.Read();
        if (c < 0)
        {
            return false;
        }

        Line = _nextLine;
        _fields.Clear();
        _field.Clear();
        var quoted = false;
        while (true)
        {
            if (quoted)
            {
                if (c < 0)
                {
                    throw new GtfsFormatException(File, Line, null, "a quoted field is not closed before the end of the file");
                }

                if (c == '"')
                {
                    if (_reader.Peek() == '"')
                    {
                        _reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _nextLine++;
                    }

                    _field.Append((char)c);
                }
            }
            else if (c == '"' && _field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                _fields.Add(_field.ToString());
                _field.Clear();
            }
            else if (c is '\n' or -1)
            {
                _nextLine++;
                break;
            }
            else if (c != '\r')
            {
                _field.Append((char)c);
            }

            c = _reader.Read();
        }

        _fields.Add(_field.ToString());
        _row = [.. _fields];
        return true;
    }

    /// <summary>The trimmed value, or "" when the column is absent or the row is short.</summary>
    public string Get(string column) =>
        _columns.TryGetValue(column, out var i) && i < _row.Length ? _row[i].Trim() : string.Empty;

    public string Required(string column)
    {
        var v = Get(column);
        return v.Length == 0 ? throw Error(column, "a value is required") : v;
    }

    public int Int(string column, int fallback)
    {
        var v = Get(column);
        if (v.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Error(column, $"'{v}' is not a whole number");
    }

    public double Coordinate(string column, double min, double max)
    {
        var v = Required(column);
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d < min || d > max)
        {
            throw Error(column, $"'{v}' is not a coordinate between {min} and {max}");
        }

        return d;
    }

    public DateOnly Date(string column)
    {
        var v = Required(column);
        return DateOnly.TryParseExact(v, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw Error(column, $"'{v}' is not a date YYYYMMDD");
    }

    /// <summary>A GTFS time in seconds, or -1 when empty.</summary>
    public int TimeOrEmpty(string column)
    {
        var v = Get(column);
        if (v.Length == 0)
        {
            return -1;
        }

        return Transit.GtfsTime.TryParse(v, out var s) ? s : throw Error(column, $"'{v}' is not a time HH:MM:SS");
    }

    public GtfsFormatException Error(string? column, string reason) => new(File, Line, column, reason);

    public void Dispose()
    {
        _reader.Dispose();
    }
}
