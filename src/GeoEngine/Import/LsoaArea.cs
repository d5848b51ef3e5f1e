using NetTopologySuite.Geometries;

namespace CohesionGeo.GeoEngine.Import;

/// <summary>An LSOA 2011 with English and Welsh names, its boundary in EPSG:27700 (MultiPolygon), and context.</summary>
public sealed record LsoaArea(string Code, string Name, string? NameCy, MultiPolygon Geometry)
{
    /// <summary>ONS 2011 rural–urban class (e.g. "Urban city and town"), when known.</summary>
    public string? Ruc { get; init; }

    /// <summary>WIMD 2019 overall rank (1 = most deprived of 1,909), when known.</summary>
    public int? WimdRank { get; init; }
}
