using System.IO.Compression;
using System.Text;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Transit;

namespace CohesionGeo.GeoEngine.Tests.Transit;

/// <summary>
/// SYNTHETIC hand-made GTFS feeds, built as zips in memory, with answers known by construction.
/// Stops lie on a meridian 0.1° (≈ 11 km) apart so that nobody can walk between them, except
/// S2 and S2b (≈ 140 m apart), where a walking transfer is possible.
/// </summary>
internal static class TinyFeed
{
    public static readonly DateOnly Tuesday = new(2024, 3, 5);

    public static readonly LonLat S1 = new(-3.0, 51.0);
    public static readonly LonLat S2 = new(-3.0, 51.1);
    public static readonly LonLat S2b = new(-2.998, 51.1);
    public static readonly LonLat S3 = new(-3.0, 51.2);

    public const string Agency = "agency_id,agency_name,agency_url,agency_timezone\nA,Synthetic Bus,http://example.invalid,Europe/London\n";

    public const string Stops = "stop_id,stop_name,stop_lat,stop_lon\nS1,One,51.0,-3.0\nS2,Two,51.1,-3.0\nS2b,Two b,51.1,-2.998\nS3,Three,51.2,-3.0\n";

    public const string Routes = "route_id,agency_id,route_short_name,route_long_name,route_type\nR1,A,1,,3\nR2,A,2,,3\nR3,A,3,,3\n";

    /// <summary>Weekdays all year 2024.</summary>
    public const string Calendar = "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWD,1,1,1,1,1,0,0,20240101,20241231\n";

    public static Dictionary<string, string> Files(string trips, string stopTimes) => new()
    {
        ["agency.txt"] = Agency,
        ["stops.txt"] = Stops,
        ["routes.txt"] = Routes,
        ["calendar.txt"] = Calendar,
        ["trips.txt"] = "route_id,service_id,trip_id\n" + trips,
        ["stop_times.txt"] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" + stopTimes,
    };

    public static MemoryStream Zip(IReadOnlyDictionary<string, string> files)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                var entry = zip.CreateEntry(name);
                using var w = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                w.Write(text);
            }
        }

        ms.Position = 0;
        return ms;
    }

    public static GtfsFeed Read(IReadOnlyDictionary<string, string> files, string name = "tiny")
    {
        using var zip = Zip(files);
        return GtfsReader.Read(zip, name);
    }

    public static TransitRouter Router(GtfsFeed feed, DateOnly date) =>
        Router([feed], date);

    public static TransitRouter Router(IReadOnlyList<GtfsFeed> feeds, DateOnly date)
    {
        var tt = TimetableBuilder.Build(feeds, date);
        return new TransitRouter(tt, new StraightLineWalkLegs(tt));
    }

    public static int T(int h, int m, int s = 0) => (h * 3600) + (m * 60) + s;

    /// <summary>Travel seconds for each departure minute in [from, from + minutes).</summary>
    public static int[] Minutes(TransitRouter router, LonLat from, LonLat to, int fromSeconds, int minutes)
    {
        var samples = router.Samples([from], [to], new TransitWindow(fromSeconds, minutes, WalkSettings.Default))[0];
        return [.. Enumerable.Range(0, minutes).Select(i => samples.At(i, 0))];
    }
}
