using CohesionGeo.GeoEngine.Network;
using System.Text.Json;
using CohesionGeo.GeoEngine.Places;

namespace CohesionGeo.GeoEngine.Import;

/// <summary>
/// NHS Wales hospital sites (GeoJSON points, CRS84; properties Code, FullName, FullNameWelsh).
/// Every site becomes a <c>hospital</c> facility with its Welsh name; source_ref is the site code.
/// </summary>
public static class HospitalSitesReader
{
    public static IReadOnlyList<FacilityRecord> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        var result = new List<FacilityRecord>();
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var props = feature.GetProperty("properties");
            var coords = feature.GetProperty("geometry").GetProperty("coordinates");
            var code = props.GetProperty("Code").GetString();
            var name = Text(props, "FullName") ?? Text(props, "Name");
            if (code is null || name is null)
            {
                continue;
            }

            var (e, n) = BritishNationalGrid.FromWgs84(coords[0].GetDouble(), coords[1].GetDouble());
            result.Add(new FacilityRecord(FacilityKinds.Hospital, name, Text(props, "FullNameWelsh"), FacilitySources.NhsHospital, code, null, null, e, n));
        }

        return result;
    }

    private static string? Text(JsonElement props, string key) =>
        props.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString()!.Trim() : null;
}
