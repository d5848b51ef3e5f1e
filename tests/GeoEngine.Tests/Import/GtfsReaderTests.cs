using System.IO.Compression;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Tests.Transit;

namespace CohesionGeo.GeoEngine.Tests.Import;

/// <summary>Bad GTFS input (SYNTHETIC feeds) and counts of the real feeds against their raw files.</summary>
public class GtfsReaderTests
{
    private static Dictionary<string, string> Good() => TinyFeed.Files(
        "R1,WD,T1\n", "T1,08:10:00,08:10:00,S1,1\nT1,08:30:00,08:30:00,S2,2\n");

    [Fact]
    public void A_zip_missing_a_required_file_is_refused_naming_the_file()
    {
        var files = Good();
        files.Remove("stop_times.txt");

        var ex = Assert.Throws<GtfsFormatException>(() => TinyFeed.Read(files));

        Assert.Equal("stop_times.txt", ex.File);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stop_time_pointing_at_an_unknown_trip_names_file_line_and_field()
    {
        var files = Good();
        files["stop_times.txt"] += "GHOST,09:00:00,09:00:00,S1,1\n";

        var ex = Assert.Throws<GtfsFormatException>(() => TinyFeed.Read(files));

        Assert.Equal("stop_times.txt", ex.File);
        Assert.Equal(4, ex.Line);
        Assert.Equal("trip_id", ex.Field);
        Assert.Equal("stop_times.txt line 4, field trip_id: unknown trip 'GHOST' (not in trips.txt)", ex.Message);
    }

    [Fact]
    public void Times_out_of_order_along_a_trip_name_the_line_and_field()
    {
        var files = Good();
        files["stop_times.txt"] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
            + "T1,08:10:00,08:10:00,S1,1\nT1,08:30:00,08:30:00,S2,2\nT1,08:20:00,08:20:00,S3,3\n";

        var ex = Assert.Throws<GtfsFormatException>(() => TinyFeed.Read(files));

        Assert.Equal(("stop_times.txt", 4, "arrival_time"), (ex.File, ex.Line, ex.Field));
        Assert.Contains("out of order", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trips.txt", "route_id,service_id,trip_id\nNOPE,WD,T1\n", 2, "route_id")]
    [InlineData("trips.txt", "route_id,service_id,trip_id\nR1,NEVER,T1\n", 2, "service_id")]
    [InlineData("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,8h10,08:10:00,S1,1\n", 2, "arrival_time")]
    [InlineData("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:10:00,08:10:00,S9,1\n", 2, "stop_id")]
    [InlineData("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nS1,One,951.0,-3.0\n", 2, "stop_lat")]
    [InlineData("calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWD,1,1,1,1,1,0,0,2024-01-01,20241231\n", 2, "start_date")]
    [InlineData("stop_times.txt", "trip_id,arrival_time,stop_id,stop_sequence\nT1,08:10:00,S1,1\n", 1, "departure_time")]
    public void Bad_rows_name_file_line_and_field(string file, string content, int line, string field)
    {
        var files = Good();
        files[file] = content;

        var ex = Assert.Throws<GtfsFormatException>(() => TinyFeed.Read(files));

        Assert.Equal((file, line, field), (ex.File, ex.Line, ex.Field));
    }

    [Fact]
    public void Untimed_stops_are_interpolated_between_timed_ones()
    {
        var files = Good();
        files["stop_times.txt"] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
            + "T1,08:10:00,08:10:00,S1,1\nT1,,,S2,2\nT1,08:30:00,08:30:00,S3,3\n";

        var feed = TinyFeed.Read(files);

        Assert.Equal(TinyFeed.T(8, 20), feed.StopTimes[1].ArrivalSeconds);
    }

    [Theory]
    [InlineData("newport-bus-2024.zip")]
    [InlineData("newport-rail-2024.zip")]
    [InlineData("newport-bus-2023.zip")]
    public void Real_feeds_are_read_whole(string file)
    {
        var path = RepoData.Path("gtfs", file);

        var feed = GtfsReader.Read(path, Path.GetFileNameWithoutExtension(file));

        Assert.Equal(RawRows(path, "stops.txt"), feed.Stops.Count);
        Assert.Equal(RawRows(path, "trips.txt"), feed.Trips.Count);
        Assert.Equal(RawRows(path, "stop_times.txt"), feed.StopTimes.Count);
        Assert.Equal(RawRows(path, "routes.txt"), feed.Routes.Count);
    }

    /// <summary>Oracle: non-empty lines after the header, counted on the raw file.</summary>
    private static int RawRows(string zipPath, string entry)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        var n = -1;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                n++;
            }
        }

        return n;
    }
}
