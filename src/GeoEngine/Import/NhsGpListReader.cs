namespace CohesionGeo.GeoEngine.Import;

/// <summary>
/// Reads NHS Digital's ODS <c>epraccur</c> (26 columns, no real header: the sample file's first row is a
/// partial header added upstream, recognised because its first cell is not a practice code, and skipped).
/// Keeps Welsh practices (code starting <c>W9</c>) whose status (column 13) is <c>A</c>, active.
/// Columns used: 1 code, 2 name, 10 postcode, 13 status, 15 health board.
/// </summary>
public static class NhsGpListReader
{
    public static IReadOnlyList<NhsGpPractice> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static IReadOnlyList<NhsGpPractice> Read(TextReader reader)
    {
        var practices = new List<NhsGpPractice>();
        foreach (var (line, row) in CsvRows.Read(reader))
        {
            if (row.Length < 15)
            {
                continue;
            }

            var code = row[0].Trim();
            if (!code.StartsWith("W9", StringComparison.Ordinal) || row[12].Trim() != "A")
            {
                continue; // header row, English, or closed practice
            }

            practices.Add(new NhsGpPractice(line, code, row[1].Trim(), row[9].Trim(), row[14].Trim()));
        }

        return practices;
    }
}
