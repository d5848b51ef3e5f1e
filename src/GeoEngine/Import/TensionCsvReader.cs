using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CohesionGeo.GeoEngine.Risk;

namespace CohesionGeo.GeoEngine.Import;

/// <summary>
/// Reads a tension register CSV with the header
/// <c>date,tier,level,theme,area_code,lon,lat,summary,partner,synthetic</c> (UTF-8), validating each row
/// with <see cref="TensionReportRules"/>; errors carry the line and the column name. Each valid row gets
/// a key: SHA-256 (first 128 bits) of the ten fields plus the row's occurrence of that content in the
/// file, so the same file imported twice adds nothing.
/// </summary>
public static class TensionCsvReader
{
    public static readonly IReadOnlyList<string> Columns = ["date", "tier", "level", "theme", "area_code", "lon", "lat", "summary", "partner", "synthetic"];

    /// <summary>Reads the whole file (registers are small: rows are kept in memory).</summary>
    public static (List<(string Key, TensionReport Report)> Rows, List<ImportError> Errors, long Rejected) Read(TextReader text, DateOnly today)
    {
        var csv = new CsvRecordReader(text);
        var fields = new List<string>();
        var rows = new List<(string, TensionReport)>();
        var errors = new List<ImportError>();
        long rejected = 0;
        try
        {
            if (!csv.Read(fields))
            {
                errors.Add(new ImportError(1, "(file)", "the file is empty; expected the header " + string.Join(",", Columns)));
                return (rows, errors, 0);
            }

            if (fields.Count > 0 && fields[0].StartsWith('\uFEFF'))
            {
                fields[0] = fields[0][1..];
            }

            for (var i = 0; i < Columns.Count; i++)
            {
                if (i >= fields.Count || !string.Equals(fields[i].Trim(), Columns[i], StringComparison.Ordinal))
                {
                    errors.Add(new ImportError(1, Columns[i], $"column {i + 1} of the header should be '{Columns[i]}'" + (i < fields.Count ? $" but is '{fields[i]}'" : " but is missing")));
                }
            }

            if (fields.Count > Columns.Count)
            {
                errors.Add(new ImportError(1, "(record)", $"the header has {fields.Count} columns, expected {Columns.Count}"));
            }

            if (errors.Count > 0)
            {
                return (rows, errors, 0);
            }

            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            while (csv.Read(fields))
            {
                if (fields.Count == 1 && fields[0].Length == 0)
                {
                    continue;
                }

                if (fields.Count != Columns.Count)
                {
                    errors.Add(new ImportError(csv.RecordLine, "(record)", $"the row has {fields.Count} fields, expected {Columns.Count}"));
                    rejected++;
                    continue;
                }

                var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
                var report = TensionReportRules.Validate(
                    new TensionReportInput(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], fields[8], fields[9]), today, problems);
                if (report is null)
                {
                    rejected++;
                    foreach (var (field, messages) in problems)
                    {
                        errors.AddRange(messages.Select(m => new ImportError(csv.RecordLine, field, m)));
                    }

                    continue;
                }

                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', fields))), 0, 16);
                seen[hash] = seen.GetValueOrDefault(hash) + 1;
                rows.Add((string.Create(CultureInfo.InvariantCulture, $"csv:{hash}:{seen[hash]}"), report));
            }
        }
        catch (CsvSyntaxException ex)
        {
            errors.Add(new ImportError(ex.Line, "(file)", ex.Message));
            rejected++;
        }

        return (rows, errors, rejected);
    }
}
