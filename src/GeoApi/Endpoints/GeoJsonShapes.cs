using System.Text.Json;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>Checks a GeoJSON geometry from a request: allowed type, numeric WGS84 positions in range.</summary>
public static class GeoJsonShapes
{
    /// <returns>The geometry as GeoJSON text, or null with an error under <paramref name="field"/>.</returns>
    public static string? Check(JsonElement geometry, IReadOnlyList<string> types, string field, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || !types.Contains(type.GetString()!) || !geometry.TryGetProperty("coordinates", out var coordinates))
        {
            errors[field] = [$"{field} must be a GeoJSON geometry of type {string.Join(" or ", types)} with coordinates (WGS84 lon, lat)."];
            return null;
        }

        var positions = 0;
        if (!Positions(coordinates, ref positions) || positions == 0 || (type.GetString() == "LineString" && positions < 2))
        {
            errors[field] = [$"{field} has coordinates that are not [lon, lat] numbers within -180..180, -90..90 (a LineString needs two or more)."];
            return null;
        }

        return geometry.GetRawText();
    }

    private static bool Positions(JsonElement e, ref int count)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        if (e.GetArrayLength() >= 2 && e[0].ValueKind == JsonValueKind.Number)
        {
            count++;
            return e[0].TryGetDouble(out var lon) && e[1].TryGetDouble(out var lat) && lon is >= -180 and <= 180 && lat is >= -90 and <= 90;
        }

        foreach (var child in e.EnumerateArray())
        {
            if (!Positions(child, ref count))
            {
                return false;
            }
        }

        return true;
    }
}
