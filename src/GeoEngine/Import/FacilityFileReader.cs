using CohesionGeo.GeoEngine.Network;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CohesionGeo.GeoEngine.Places;

namespace CohesionGeo.GeoEngine.Import;

/// <summary>
/// Validates a user's facilities file, CSV (header row; columns <c>id, kind, name, name_cy, capacity,
/// opening_hours, lon, lat, postcode</c>, any order, only kind and name required) or GeoJSON (Point
/// features, the same names as properties; a feature without geometry may give a postcode).
/// Each row needs a position: lon and lat (WGS84, inside Great Britain) or a postcode known to
/// Code-Point Open. Every problem is reported with its line (GeoJSON: feature number) and field;
/// nothing is dropped silently. source_ref is the row's <c>id</c>, or, without one, a hash of
/// kind, name and position, so that importing the same file twice finds the same rows.
/// </summary>
public static class FacilityFileReader
{
    private static readonly string[] Known = ["id", "kind", "name", "name_cy", "capacity", "opening_hours", "lon", "lat", "postcode"];

    /// <summary>Parses by content: a document starting with <c>{</c> is GeoJSON, anything else CSV.</summary>
    public static FacilityFileResult Parse(string content, CodePointPostcodes postcodes)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{') ? ParseGeoJson(content, postcodes) : ParseCsv(content, postcodes);
    }

    public static FacilityFileResult ParseCsv(string content, CodePointPostcodes postcodes)
    {
        var errors = new List<ImportError>();
        var rows = new List<(int, FacilityRecord)>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        string[]? header = null;
        using var reader = new StringReader(content);
        foreach (var (line, fields) in CsvRows.Read(reader))
        {
            if (header is null)
            {
                header = fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
                foreach (var required in new[] { "kind", "name" })
                {
                    if (!header.Contains(required))
                    {
                        errors.Add(new ImportError(line, required, $"the header has no '{required}' column"));
                    }
                }

                foreach (var unknown in header.Where(h => !Known.Contains(h)))
                {
                    errors.Add(new ImportError(line, unknown, $"unknown column '{unknown}'; columns are {string.Join(", ", Known)}"));
                }

                if (errors.Count > 0)
                {
                    return new FacilityFileResult(rows, errors);
                }

                continue;
            }

            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                values[header[i]] = i < fields.Length && !string.IsNullOrWhiteSpace(fields[i]) ? fields[i].Trim() : null;
            }

            if (fields.Length > header.Length && fields.Skip(header.Length).Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                errors.Add(new ImportError(line, "(row)", $"{fields.Length} values for {header.Length} columns"));
                continue;
            }

            Validate(line, values, null, postcodes, ids, rows, errors);
        }

        if (header is null)
        {
            errors.Add(new ImportError(1, "(file)", "the file is empty: expected a header row"));
        }

        return new FacilityFileResult(rows, errors);
    }

    public static FacilityFileResult ParseGeoJson(string content, CodePointPostcodes postcodes)
    {
        var errors = new List<ImportError>();
        var rows = new List<(int, FacilityRecord)>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(content);
        }
        catch (JsonException ex)
        {
            errors.Add(new ImportError((int)(ex.LineNumber ?? 0) + 1, "(file)", $"not valid JSON: {ex.Message}"));
            return new FacilityFileResult(rows, errors);
        }

        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new ImportError(1, "features", "expected a GeoJSON FeatureCollection with a 'features' array"));
                return new FacilityFileResult(rows, errors);
            }

            var n = 0;
            foreach (var feature in features.EnumerateArray())
            {
                n++;
                var values = new Dictionary<string, string?>(StringComparer.Ordinal);
                if (feature.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in props.EnumerateObject())
                    {
                        var key = p.Name.ToLowerInvariant();
                        values[key] = p.Value.ValueKind switch
                        {
                            JsonValueKind.Null or JsonValueKind.Undefined => null,
                            JsonValueKind.String => string.IsNullOrWhiteSpace(p.Value.GetString()) ? null : p.Value.GetString()!.Trim(),
                            _ => p.Value.GetRawText(),
                        };
                    }
                }

                (double Lon, double Lat)? point = null;
                if (feature.TryGetProperty("geometry", out var geometry) && geometry.ValueKind == JsonValueKind.Object)
                {
                    if (geometry.TryGetProperty("type", out var type) && type.GetString() == "Point"
                        && geometry.TryGetProperty("coordinates", out var c) && c.ValueKind == JsonValueKind.Array && c.GetArrayLength() >= 2
                        && c[0].ValueKind == JsonValueKind.Number && c[1].ValueKind == JsonValueKind.Number)
                    {
                        point = (c[0].GetDouble(), c[1].GetDouble());
                    }
                    else
                    {
                        errors.Add(new ImportError(n, "geometry", "expected a Point with [lon, lat] coordinates"));
                        continue;
                    }
                }

                Validate(n, values, point, postcodes, ids, rows, errors);
            }
        }

        return new FacilityFileResult(rows, errors);
    }

    private static void Validate(
        int line,
        Dictionary<string, string?> v,
        (double Lon, double Lat)? geometryPoint,
        CodePointPostcodes postcodes,
        Dictionary<string, int> ids,
        List<(int, FacilityRecord)> rows,
        List<ImportError> errors)
    {
        var before = errors.Count;
        var id = v.GetValueOrDefault("id");
        if (id is not null)
        {
            if (ids.TryGetValue(id, out var firstLine))
            {
                errors.Add(new ImportError(line, "id", $"duplicate id '{id}' (first on line {firstLine})"));
            }
            else
            {
                ids[id] = line;
            }
        }

        var kind = v.GetValueOrDefault("kind")?.ToLowerInvariant();
        if (kind is null)
        {
            errors.Add(new ImportError(line, "kind", "missing"));
        }
        else if (!FacilityKinds.IsKnown(kind))
        {
            errors.Add(new ImportError(line, "kind", $"unknown kind '{v["kind"]}'; kinds are {string.Join(", ", FacilityKinds.All)}"));
        }

        var name = v.GetValueOrDefault("name");
        if (name is null)
        {
            errors.Add(new ImportError(line, "name", "missing"));
        }

        int? capacity = null;
        if (v.GetValueOrDefault("capacity") is { } capText)
        {
            if (int.TryParse(capText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var cap) && cap >= 0)
            {
                capacity = cap;
            }
            else
            {
                errors.Add(new ImportError(line, "capacity", $"'{capText}' is not a whole number ≥ 0"));
            }
        }

        double? lon = geometryPoint?.Lon, lat = geometryPoint?.Lat;
        foreach (var (field, isLon) in new[] { ("lon", true), ("lat", false) })
        {
            if (v.GetValueOrDefault(field) is not { } text)
            {
                continue;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                errors.Add(new ImportError(line, field, $"'{text}' is not a number"));
            }
            else if (isLon)
            {
                lon = value;
            }
            else
            {
                lat = value;
            }
        }

        var postcode = v.GetValueOrDefault("postcode");
        double e = 0, n = 0;
        var precise = true;
        var numbersOk = errors.Skip(before).All(x => x.Field is not ("lon" or "lat"));
        if (numbersOk)
        {
            if (lon is not null && lat is not null)
            {
                if (lon is < -9 or > 2.5)
                {
                    errors.Add(new ImportError(line, "lon", $"{lon.Value.ToString(CultureInfo.InvariantCulture)} is outside Great Britain (−9…2.5)"));
                }
                else if (lat is < 49 or > 61)
                {
                    errors.Add(new ImportError(line, "lat", $"{lat.Value.ToString(CultureInfo.InvariantCulture)} is outside Great Britain (49…61)"));
                }
                else
                {
                    (e, n) = BritishNationalGrid.FromWgs84(lon.Value, lat.Value);
                }
            }
            else if (lon is not null || lat is not null)
            {
                errors.Add(new ImportError(line, lon is null ? "lon" : "lat", "missing: give both lon and lat, or a postcode"));
            }
            else if (postcode is not null)
            {
                if (postcodes.TryLocate(postcode, out e, out n))
                {
                    precise = false;
                }
                else
                {
                    errors.Add(new ImportError(line, "postcode", $"unknown postcode '{postcode}' (not in Code-Point Open)"));
                }
            }
            else
            {
                errors.Add(new ImportError(line, "lon", "missing coordinates: give lon and lat, or a postcode"));
            }
        }

        if (errors.Count > before)
        {
            return;
        }

        var sourceRef = id ?? Hash(kind!, name!, lon, lat, postcode);
        rows.Add((line, new FacilityRecord(kind!, name!, v.GetValueOrDefault("name_cy"), FacilitySources.User, sourceRef, capacity, v.GetValueOrDefault("opening_hours"), e, n, precise)));
    }

    private static string Hash(string kind, string name, double? lon, double? lat, string? postcode)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{kind}|{name.ToLowerInvariant()}|{lon:F6}|{lat:F6}|{(postcode is null ? string.Empty : CodePointPostcodes.Normalise(postcode))}");
        return "h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
    }
}
