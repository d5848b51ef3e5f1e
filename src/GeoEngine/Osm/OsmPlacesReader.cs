using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Places;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using OsmSharp;
using OsmSharp.Streams;

namespace CohesionGeo.GeoEngine.Osm;

/// <summary>
/// Reads service POIs and homes from an OSM PBF in one pass. Nodes are points; closed ways are
/// polygons reduced to their centroid; relations (multipolygons) are not read, which loses a few
/// large sites mapped only as relations (said in the README). Coordinates are projected to
/// EPSG:27700. Source refs are <c>node/ID</c> and <c>way/ID</c>.
/// </summary>
public static partial class OsmPlacesReader
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 27700);

    /// <summary>Reads a PBF file; <paramref name="progress"/> gets [0, 1] by bytes read.</summary>
    public static OsmPlaces Read(string pbfPath, IProgress<double>? progress = null)
    {
        using var stream = File.OpenRead(pbfPath);
        return Read(stream, progress);
    }

    /// <summary>Reads a PBF stream.</summary>
    public static OsmPlaces Read(Stream pbf, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(pbf);
        var nodes = new Dictionary<long, (double E, double N)>();
        var facilities = new List<FacilityRecord>();
        var residential = new List<DwellingPoint>();
        var yesBuildings = new List<DwellingPoint>();
        var landuse = new STRtree<IPreparedGeometry>();
        var landuseCount = 0;
        var length = pbf.CanSeek ? pbf.Length : 0;
        var seen = 0L;

        foreach (var geo in new PBFOsmStreamSource(pbf))
        {
            if ((++seen & 0x3FFF) == 0 && length > 0)
            {
                progress?.Report((double)pbf.Position / length);
            }

            switch (geo)
            {
                case Node node when node.Id is { } id && node.Latitude is { } lat && node.Longitude is { } lon:
                {
                    var (e, n) = BritishNationalGrid.FromWgs84(lon, lat);
                    nodes[id] = (e, n);
                    if (node.Tags is { Count: > 0 } nodeTags)
                    {
                        var tags = ToDictionary(nodeTags);
                        if (FacilityTagMapping.Classify(tags) is { } kind)
                        {
                            facilities.Add(ToFacility(kind, tags, $"node/{id}", e, n));
                        }
                    }

                    break;
                }

                case Way way when way.Id is { } id && way.Tags is { Count: > 0 } wayTags && way.Nodes is { Length: >= 4 } refs && refs[0] == refs[^1]:
                {
                    var tags = ToDictionary(wayTags);
                    var kind = FacilityTagMapping.Classify(tags);
                    var dwelling = DwellingTagMapping.Classify(tags);
                    var isLanduse = DwellingTagMapping.IsResidentialLanduse(tags);
                    if (kind is null && dwelling == DwellingTagClass.None && !isLanduse)
                    {
                        break;
                    }

                    var polygon = Polygon(refs, nodes);
                    if (polygon is null)
                    {
                        break;
                    }

                    var centroid = polygon.IsValid ? polygon.Centroid : polygon.Envelope.Centroid;
                    if (kind is not null)
                    {
                        facilities.Add(ToFacility(kind, tags, $"way/{id}", centroid.X, centroid.Y));
                    }

                    if (dwelling == DwellingTagClass.Residential)
                    {
                        residential.Add(new DwellingPoint(FacilitySources.Osm, $"way/{id}", centroid.X, centroid.Y));
                    }
                    else if (dwelling == DwellingTagClass.YesIfInResidentialLanduse)
                    {
                        yesBuildings.Add(new DwellingPoint(FacilitySources.Osm, $"way/{id}", centroid.X, centroid.Y));
                    }

                    if (isLanduse && polygon.IsValid)
                    {
                        landuse.Insert(polygon.EnvelopeInternal, NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(polygon));
                        landuseCount++;
                    }

                    break;
                }
            }
        }

        landuse.Build();
        var yesInside = 0;
        foreach (var b in yesBuildings)
        {
            var point = Factory.CreatePoint(new Coordinate(b.Easting, b.Northing));
            foreach (var area in landuse.Query(point.EnvelopeInternal))
            {
                if (area.Contains(point))
                {
                    residential.Add(b);
                    yesInside++;
                    break;
                }
            }
        }

        progress?.Report(1);
        return new OsmPlaces(facilities, residential, landuseCount, yesInside);
    }

    private static FacilityRecord ToFacility(string kind, Dictionary<string, string> tags, string sourceRef, double e, double n)
    {
        var name = tags.GetValueOrDefault("name") ?? tags.GetValueOrDefault("name:en");
        var named = !string.IsNullOrWhiteSpace(name);
        int? capacity = int.TryParse(tags.GetValueOrDefault("capacity"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var c) && c >= 0 ? c : null;
        return new FacilityRecord(
            kind,
            named ? name!.Trim() : FacilityKinds.Label(kind),
            tags.GetValueOrDefault("name:cy"),
            FacilitySources.Osm,
            sourceRef,
            capacity,
            tags.GetValueOrDefault("opening_hours"),
            e,
            n,
            PositionPrecise: true,
            Named: named,
            PracticeCode: kind == FacilityKinds.Gp ? PracticeCode(tags) : null);
    }

    /// <summary>An NHS Wales practice code from <c>ref:GB:nhs</c>, <c>ref</c>, or the practice's e-mail or web address.</summary>
    internal static string? PracticeCode(IReadOnlyDictionary<string, string> tags)
    {
        foreach (var key in new[] { "ref:GB:nhs", "ref:nhs", "ref", "email", "contact:email", "website", "contact:website" })
        {
            if (tags.TryGetValue(key, out var value) && PracticeCodePattern().Match(value) is { Success: true } m)
            {
                return m.Groups[1].Value.ToUpperInvariant();
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![A-Za-z0-9])([Ww]9\d{4})(?![0-9])", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PracticeCodePattern();

    private static Polygon? Polygon(long[] refs, Dictionary<long, (double E, double N)> nodes)
    {
        var coords = new Coordinate[refs.Length];
        for (var i = 0; i < refs.Length; i++)
        {
            if (!nodes.TryGetValue(refs[i], out var p))
            {
                return null; // a node outside the extract
            }

            coords[i] = new Coordinate(p.E, p.N);
        }

        return Factory.CreatePolygon(coords);
    }

    private static Dictionary<string, string> ToDictionary(OsmSharp.Tags.TagsCollectionBase tags)
    {
        var dict = new Dictionary<string, string>(tags.Count, StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            dict[tag.Key] = tag.Value;
        }

        return dict;
    }
}
