using System.Text;
using CohesionGeo.GeoEngine.Import;

namespace CohesionGeo.GeoEngine.Tests.Import;

public class PoliceUkCsvReaderTests
{
    private const string Header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";
    private const string Asb = ",2022-07,Gwent Police,Gwent Police,-3.203778,51.796761,On or near Frost Road,W01001440,Blaenau Gwent 001A,Anti-social behaviour,,";
    private const string Crime = "abc123,2022-07,Gwent Police,Gwent Police,-2.99,51.58,On or near Bridge Street,W01001629,Newport 017A,Public order,Under investigation,";
    private const string NoLocation = ",2022-07,Gwent Police,Gwent Police,,,No Location,,,Anti-social behaviour,,";

    private static (List<PoliceUkRow> Rows, PoliceUkCsvReader Reader) Read(string text)
    {
        var reader = new PoliceUkCsvReader(new StringReader(text));
        return (reader.ReadRows().ToList(), reader);
    }

    [Fact]
    public void Valid_rows_asb_without_crime_id_and_rows_without_location_are_kept()
    {
        var (rows, reader) = Read(string.Join("\n", Header, Asb, Crime, NoLocation) + "\n");
        Assert.False(reader.HasErrors);
        Assert.Equal(3, rows.Count);
        Assert.Null(rows[0].CrimeId);
        Assert.Equal(new DateOnly(2022, 7, 1), rows[0].Month);
        Assert.Equal(-3.203778, rows[0].Longitude);
        Assert.Equal("abc123", rows[1].CrimeId);
        Assert.Null(rows[2].Longitude);
        Assert.Equal(1, reader.WithoutLocation);
        Assert.Equal(2, reader.AsbRows);
        Assert.Equal([2L, 3L, 4L], rows.Select(r => r.Line));
    }

    [Fact]
    public void Identical_rows_get_distinct_keys_and_the_same_keys_on_a_second_read_in_any_order()
    {
        var first = Read(string.Join("\r\n", Header, Asb, Asb, Crime)).Rows.Select(r => r.RowKey).ToList();
        var second = Read(string.Join("\n", Header, Crime, Asb, Asb)).Rows.Select(r => r.RowKey).ToList();
        Assert.Equal(3, first.Distinct().Count());
        Assert.Equal(first.Order(StringComparer.Ordinal), second.Order(StringComparer.Ordinal));
        Assert.EndsWith(":1", first[0], StringComparison.Ordinal);
        Assert.EndsWith(":2", first[1], StringComparison.Ordinal);
        Assert.StartsWith("2022-07:", first[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_month_is_reported_with_its_line_and_field()
    {
        var (rows, reader) = Read(string.Join("\n", Header, Asb, Asb.Replace("2022-07", "2022-13", StringComparison.Ordinal)));
        Assert.Single(rows);
        var e = Assert.Single(reader.Errors);
        Assert.Equal(3, e.Line);
        Assert.Equal("Month", e.Field);
        Assert.Contains("2022-13", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_in_longitude_is_reported_with_its_line_and_field()
    {
        var (_, reader) = Read(string.Join("\n", Header, Crime, Crime, Asb.Replace("-3.203778", "west", StringComparison.Ordinal)));
        var e = Assert.Single(reader.Errors);
        Assert.Equal(new ImportError(4, "Longitude", "'west' is not a number (decimal degrees, WGS84)"), e);
        Assert.Equal(1, reader.RejectedRows);
    }

    [Fact]
    public void A_missing_column_in_the_header_rejects_the_file_naming_the_column()
    {
        var header = Header.Replace("Latitude,", string.Empty, StringComparison.Ordinal);
        var (rows, reader) = Read(string.Join("\n", header, Asb));
        Assert.Empty(rows);
        var e = reader.Errors[0];
        Assert.Equal(1, e.Line);
        Assert.Equal("Latitude", e.Field);
        Assert.Contains("missing", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_renamed_header_is_reported()
    {
        var (rows, reader) = Read(string.Join("\n", Header.Replace("Crime type", "Offence", StringComparison.Ordinal), Asb));
        Assert.Empty(rows);
        Assert.Contains(reader.Errors, e => e.Line == 1 && e.Field == "Crime type");
    }

    [Fact]
    public void Too_many_fields_a_half_coordinate_and_an_unknown_crime_type_are_each_reported()
    {
        var text = string.Join(
            "\n",
            Header,
            Asb + ",extra",
            Asb.Replace("51.796761", string.Empty, StringComparison.Ordinal),
            Asb.Replace("Anti-social behaviour", "Mischief", StringComparison.Ordinal));
        var (rows, reader) = Read(text);
        Assert.Empty(rows);
        Assert.Equal(
            [(2L, "(record)"), (3L, "Latitude"), (4L, "Crime type")],
            reader.Errors.Select(e => (e.Line, e.Field)));
        Assert.Equal(3, reader.RejectedRows);
    }

    [Fact]
    public void Quoted_fields_with_line_breaks_keep_line_numbers_right()
    {
        var quoted = "x1,2022-07,Gwent Police,Gwent Police,-2.99,51.58,\"On or near \"\"The\"\"\nStreet\",W01001629,Newport 017A,Drugs,,";
        var (rows, reader) = Read(string.Join("\n", Header, quoted, Asb.Replace("2022-07", "July", StringComparison.Ordinal)));
        Assert.Equal("On or near \"The\"\nStreet", Assert.Single(rows).Location);
        Assert.Equal(4, Assert.Single(reader.Errors).Line);
    }

    [Fact]
    public void A_file_in_another_encoding_is_refused_at_the_line_where_it_stops_being_utf8()
    {
        var latin1 = Encoding.Latin1.GetBytes(string.Join("\n", Header, Asb, Asb.Replace("Frost Road", "Stryd Fawr Caffé", StringComparison.Ordinal)) + "\n");
        using var stream = new MemoryStream(latin1);
        using var text = PoliceUkCsvReader.OpenText(stream);
        var reader = new PoliceUkCsvReader(text);
        _ = reader.ReadRows().ToList();
        var e = Assert.Single(reader.Errors);
        Assert.Equal(3, e.Line);
        Assert.Equal("Location", e.Field);
        Assert.Contains("UTF-8", e.Reason, StringComparison.Ordinal);
        Assert.True(reader.HasErrors);
    }

    [Fact]
    public void The_reader_streams_many_rows_without_keeping_them()
    {
        var rows = Enumerable.Repeat(Asb, 20_000);
        var reader = new PoliceUkCsvReader(new StringReader(Header + "\n" + string.Join("\n", rows)));
        long n = 0;
        foreach (var row in reader.ReadRows())
        {
            n++;
        }

        Assert.Equal(20_000, n);
        Assert.Equal(20_000, reader.AsbRows);
    }

    [Fact]
    public void A_file_without_line_breaks_stops_with_one_error_instead_of_filling_memory()
    {
        var runaway = Header + "," + new string('x', CsvRecordReader.MaxRecordChars);
        var (rows, reader) = Read(runaway);
        Assert.Empty(rows);
        var e = Assert.Single(reader.Errors);
        Assert.Equal((1L, "(file)"), (e.Line, e.Field));
        Assert.Contains("longer than", e.Reason, StringComparison.Ordinal);
    }
}
