using CohesionGeo.GeoEngine.Network;
using System.Globalization;
using System.Text.Json;
using CohesionGeo.GeoEngine.Places;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace CohesionGeo.GeoEngine.Import;

/// <summary>
/// Readers for the ONS LSOA 2011 files: boundaries (GeoJSON, CRS84, LSOA11CD/LSOA11NM/LSOA11NMW),
/// population-weighted centroids (GeoJSON points), rural–urban classes (RUC11_LSOA11_EW.csv) and
/// WIMD 2019 ranks (lsoa11_code, IMD_rank). Geometries are projected to EPSG:27700.
/// There is no LSOA population file in the sample (see data/SOURCES): population stays unknown.
/// </summary>
public static class LsoaFilesReader
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 27700);

    /// <summary>Boundaries whose code satisfies <paramref name="keep"/> (e.g. Welsh <c>W01…</c>).</summary>
    public static IReadOnlyList<LsoaArea> ReadBoundaries(string path, Func<string, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var options = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } };
        using var stream = File.OpenRead(path);
        var collection = JsonSerializer.Deserialize<FeatureCollection>(stream, options)
            ?? throw new InvalidDataException($"{path}: not a GeoJSON FeatureCollection.");
        var result = new List<LsoaArea>();
        foreach (var feature in collection)
        {
            var code = Attribute(feature, "LSOA11CD");
            if (code is null || !keep(code))
            {
                continue;
            }

            var geometry = ProjectToBng(feature.Geometry.Copy());
            var multi = geometry switch
            {
                MultiPolygon m => m,
                Polygon p => Factory.CreateMultiPolygon([p]),
                _ => throw new InvalidDataException($"{path}: {code} is a {geometry.GeometryType}, not a polygon."),
            };
            multi = (MultiPolygon)Factory.CreateGeometry(multi);
            result.Add(new LsoaArea(code, Attribute(feature, "LSOA11NM") ?? code, Attribute(feature, "LSOA11NMW")?.Trim() is { Length: > 0 } cy ? cy : null, multi));
        }

        return result;
    }

    /// <summary>Population-weighted centroids in EPSG:27700, by LSOA code.</summary>
    public static IReadOnlyDictionary<string, (double Easting, double Northing)> ReadCentroids(string path)
    {
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        var result = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var code = feature.GetProperty("properties").GetProperty("LSOA11CD").GetString();
            var coords = feature.GetProperty("geometry").GetProperty("coordinates");
            if (code is not null)
            {
                result[code] = BritishNationalGrid.FromWgs84(coords[0].GetDouble(), coords[1].GetDouble());
            }
        }

        return result;
    }

    /// <summary>Rural–urban class text (column RUC11) by LSOA code.</summary>
    public static IReadOnlyDictionary<string, string> ReadRuralUrban(string path) =>
        ReadColumn(path, "LSOA11CD", "RUC11", v => v);

    /// <summary>WIMD 2019 overall rank by LSOA code.</summary>
    public static IReadOnlyDictionary<string, int> ReadWimdRanks(string path) =>
        ReadColumn(path, "lsoa11_code", "IMD_rank", v => int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture));

    private static Dictionary<string, T> ReadColumn<T>(string path, string keyColumn, string valueColumn, Func<string, T> parse)
    {
        using var reader = new StreamReader(path);
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        int keyIndex = -1, valueIndex = -1;
        foreach (var (_, row) in CsvRows.Read(reader))
        {
            if (keyIndex < 0)
            {
                keyIndex = Array.IndexOf(row, keyColumn);
                valueIndex = Array.IndexOf(row, valueColumn);
                if (keyIndex < 0 || valueIndex < 0)
                {
                    throw new InvalidDataException($"{path}: the header has no {keyColumn} or {valueColumn} column.");
                }

                continue;
            }

            if (row.Length > Math.Max(keyIndex, valueIndex) && !string.IsNullOrWhiteSpace(row[keyIndex]) && !string.IsNullOrWhiteSpace(row[valueIndex]))
            {
                result[row[keyIndex].Trim()] = parse(row[valueIndex].Trim());
            }
        }

        return result;
    }

    private static Geometry ProjectToBng(Geometry geometry)
    {
        geometry.Apply(new ProjectFilter());
        geometry.GeometryChanged();
        geometry.SRID = BritishNationalGrid.Srid;
        return geometry;
    }

    private sealed class ProjectFilter : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (e, n) = BritishNationalGrid.FromWgs84(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, e);
            seq.SetY(i, n);
        }
    }

    private static string? Attribute(IFeature feature, string name)
    {
        if (!feature.Attributes.Exists(name))
        {
            return null;
        }

        return feature.Attributes[name] switch
        {
            null => null,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null } => null,
            var other => Convert.ToString(other, CultureInfo.InvariantCulture),
        };
    }
}
