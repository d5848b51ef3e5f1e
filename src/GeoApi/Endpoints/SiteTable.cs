using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>Saved sites side by side: one row per site, one column per figure; as JSON, CSV (RFC 4180) or GeoJSON points.</summary>
public sealed class SiteTable
{
    private SiteTable(string[] columns, List<object?[]> rows, List<(double Lon, double Lat)> points)
    {
        Columns = columns;
        Rows = rows;
        Points = points;
    }

    public string[] Columns { get; }

    public List<object?[]> Rows { get; }

    private List<(double Lon, double Lat)> Points { get; }

    public static SiteTable From(SiteAssessResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var columns = new List<string> { "id", "name", "lon", "lat", "lsoa", "ruc", "wimd_rank" };
        foreach (var kind in response.Services)
        {
            foreach (var mode in response.Modes)
            {
                columns.Add($"{kind}_{mode}_minutes");
                columns.Add($"{kind}_{mode}_within_30");
            }
        }

        columns.AddRange(["asb_400m", "asb_per_km2", "asb_ratio_to_area", "asb_trend", "crime_400m", "crime_ratio_to_area", "hotspot_asb", "hotspot_crime", "tension_index", "tension_latest_level", "flags"]);
        var rows = new List<object?[]>();
        foreach (var s in response.Sites)
        {
            var row = new List<object?> { s.Id, s.Name, s.Lon, s.Lat, s.Lsoa?.Code, s.Lsoa?.Ruc, s.Lsoa?.WimdRank };
            foreach (var kind in response.Services)
            {
                foreach (var mode in response.Modes)
                {
                    var v = s.Services.TryGetValue(kind, out var pm) && pm.TryGetValue(mode, out var m) ? m : null;
                    row.Add(v?.Nearest?.Minutes);
                    row.Add(v?.Within30Min);
                }
            }

            row.AddRange([
                s.Risk?.Asb.Count, s.Risk?.Asb.PerKm2, s.Risk?.Asb.RatioToArea, s.Risk?.Asb.Trend.Ratio, s.Risk?.Crime.Count, s.Risk?.Crime.RatioToArea,
                s.Hotspot.TryGetValue("asb", out var ha) ? ha.ClassName : null, s.Hotspot.TryGetValue("crime", out var hc) ? hc.ClassName : null,
                s.Tension?.Index is { } ti ? Math.Round(ti, 3) : null, s.Tension?.LatestLevel, string.Join(';', s.Flags.Select(f => f.Id))]);
            rows.Add([.. row]);
        }

        return new SiteTable([.. columns], rows, [.. response.Sites.Select(s => (s.Lon, s.Lat))]);
    }

    public object ToJson() => new { columns = Columns, rows = Rows };

    public string ToCsv()
    {
        var b = new StringBuilder();
        b.AppendJoin(',', Columns.Select(Quote)).Append("\r\n");
        foreach (var row in Rows)
        {
            b.AppendJoin(',', row.Select(v => Quote(Format(v)))).Append("\r\n");
        }

        return b.ToString();
    }

    public string ToGeoJson()
    {
        var features = new JsonArray();
        for (var i = 0; i < Rows.Count; i++)
        {
            var props = new JsonObject();
            for (var c = 0; c < Columns.Length; c++)
            {
                props[Columns[c]] = Rows[i][c] switch
                {
                    null => null,
                    string s => JsonValue.Create(s),
                    var v => JsonValue.Create(Convert.ToDouble(v, CultureInfo.InvariantCulture)),
                };
            }

            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(Points[i].Lon, Points[i].Lat) },
                ["properties"] = props,
            });
        }

        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static string Format(object? v) => v switch
    {
        null => string.Empty,
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? string.Empty,
    };

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula.</summary>
    public static string Quote(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '@' || (text.Length > 1 && text[0] == '-' && !char.IsDigit(text[1])))
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
