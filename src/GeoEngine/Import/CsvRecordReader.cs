using System.Text;

namespace CohesionGeo.GeoEngine.Import;

/// <summary>
/// Streaming RFC 4180 reader: one record at a time from a <see cref="TextReader"/>, never the whole
/// file. Handles quoted fields with doubled quotes and line breaks, CRLF or LF. Tracks the physical
/// line where each record starts so errors can name it. A record longer than
/// <see cref="MaxRecordChars"/> characters, an unclosed quote or text that is not valid in the
/// reader's encoding stops reading with a <see cref="CsvSyntaxException"/>.
/// </summary>
public sealed class CsvRecordReader
{
    /// <summary>Longest record accepted (characters), so a file without line breaks cannot exhaust memory.</summary>
    public const int MaxRecordChars = 1 << 20;

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _field = new();
    private int _pos;
    private int _len;
    private long _line = 1;

    public CsvRecordReader(TextReader reader)
    {
        _reader = reader;
    }

    /// <summary>1-based physical line on which the last record returned by <see cref="Read"/> starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/> (cleared first).</summary>
    /// <returns>False at the end of the input.</returns>
    public bool Read(List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        if (!Fill())
        {
            return false;
        }

        RecordLine = _line;
        _field.Clear();
        var inQuotes = false;
        var wasQuoted = false;
        var chars = 0;
        while (true)
        {
            if (!Fill())
            {
                if (inQuotes)
                {
                    throw new CsvSyntaxException(RecordLine, "a quoted field opened on this line is not closed before the end of the file");
                }

                fields.Add(_field.ToString());
                return true;
            }

            var c = _buffer[_pos++];
            if (++chars > MaxRecordChars)
            {
                throw new CsvSyntaxException(RecordLine, $"the record starting on this line is longer than {MaxRecordChars} characters (no line breaks, or an unclosed quote)");
            }

            if (inQuotes)
            {
                if (c == '"')
                {
                    if (Peek() == '"')
                    {
                        _pos++;
                        _field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }

                    _field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    wasQuoted = false;
                    break;
                case '"' when _field.Length == 0 && !wasQuoted:
                    inQuotes = true;
                    wasQuoted = true;
                    break;
                case '\r':
                    if (Peek() == '\n')
                    {
                        _pos++;
                    }

                    _line++;
                    fields.Add(_field.ToString());
                    return true;
                case '\n':
                    _line++;
                    fields.Add(_field.ToString());
                    return true;
                default:
                    _field.Append(c);
                    break;
            }
        }
    }

    private char Peek() => Fill() ? _buffer[_pos] : '\0';

    private bool Fill()
    {
        if (_pos < _len)
        {
            return true;
        }

        try
        {
            _len = _reader.Read(_buffer, 0, _buffer.Length);
        }
        catch (DecoderFallbackException ex)
        {
            throw new CsvSyntaxException(_line, "the file is not UTF-8 text here (save it as UTF-8; police.uk publishes UTF-8)", ex);
        }

        _pos = 0;
        return _len > 0;
    }
}
