using System.IO.Compression;
using System.Text;

namespace CohesionGeo.GeoApi.Tests.Transit;

/// <summary>SYNTHETIC two-stop GTFS zips written to a temp folder: S1 (51.5886, −2.9977, Newport city centre) and S2 (51.588383, −2.964411, the Beechwood Surgery bus stop, 2.3 km east; both a few metres from a walkable street).</summary>
internal static class SyntheticGtfs
{
    public const double S1Lon = -2.9977, S1Lat = 51.5886, S2Lon = -2.964411, S2Lat = 51.588383;

    /// <summary><paramref name="trips"/> weekday trips S1 08:0t → S2 08:2t, for all of 2024.</summary>
    public static string Write(string name, int trips)
    {
        var dir = Path.Combine(Path.GetTempPath(), "cg-gtfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".zip");
        var tripRows = new StringBuilder("route_id,service_id,trip_id\n");
        var times = new StringBuilder("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
        for (var t = 0; t < trips; t++)
        {
            tripRows.Append($"R1,WD,T{t}\n");
            times.Append($"T{t},08:{t:00}:00,08:{t:00}:00,S1,1\nT{t},08:{t + 20:00}:00,08:{t + 20:00}:00,S2,2\n");
        }

        var files = new Dictionary<string, string>
        {
            ["agency.txt"] = "agency_id,agency_name,agency_url,agency_timezone\nA,Synthetic,http://example.invalid,Europe/London\n",
            ["stops.txt"] = "stop_id,stop_name,stop_lat,stop_lon\nS1,One,51.5886,-2.9977\nS2,Two,51.588383,-2.964411\n",
            ["routes.txt"] = "route_id,agency_id,route_short_name,route_long_name,route_type\nR1,A,1,,3\n",
            ["calendar.txt"] = "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWD,1,1,1,1,1,0,0,20240101,20241231\n",
            ["trips.txt"] = tripRows.ToString(),
            ["stop_times.txt"] = times.ToString(),
        };
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, text) in files)
        {
            using var w = new StreamWriter(zip.CreateEntry(entry).Open());
            w.Write(text);
        }

        return path;
    }
}
