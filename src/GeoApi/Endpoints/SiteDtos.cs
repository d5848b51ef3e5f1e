using System.Text.Json.Serialization;
using CohesionGeo.GeoEngine.Assessment;
using CohesionGeo.GeoEngine.Risk;
using CohesionGeo.GeoEngine.Store;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>Body of <c>POST /api/v1/sites/assess</c>.</summary>
public sealed record SiteAssessRequest(IReadOnlyList<SiteInput?>? Sites, IReadOnlyList<string?>? Modes = null, IReadOnlyList<string>? Services = null, string? Departure = null);

/// <summary>A candidate site (WGS84).</summary>
public sealed record SiteInput(double? Lon, double? Lat, string? Name = null);

/// <summary>Body of <c>POST /api/v1/sites</c>.</summary>
public sealed record SiteSaveRequest(double? Lon, double? Lat, string? Name = null, int? Capacity = null);

/// <summary>A site to assess: WGS84 and EPSG:27700; <c>Id</c> when saved.</summary>
public sealed record SitePoint(long? Id, string? Name, double Lon, double Lat, double X, double Y);

/// <summary>The dossier: modes and services asked, the police.uk period, caveat, flag thresholds, notes (what is missing and why), one dossier per site.</summary>
public sealed record SiteAssessResponse(string[] Modes, string[] Services, string? Period, string Caveat, string Thresholds, IReadOnlyList<string> Notes, IReadOnlyList<SiteDossierDto> Sites);

/// <summary>
/// One site's dossier: <c>services[kind][mode]</c>, risk within 400 m, hot spot class of its 250 m cell, tension of its LSOA, flags,
/// and <c>way_home[kind]</c> (the evening return by public transport from the nearest facility of the kind; empty when transit was not asked for).
/// </summary>
public sealed record SiteDossierDto(
    long? Id, string? Name, double Lon, double Lat, AreaContext? Lsoa,
    SortedDictionary<string, SortedDictionary<string, ServiceModeDto>> Services, SiteRiskDto? Risk,
    Dictionary<string, HotspotCellDto> Hotspot, SiteTensionDto? Tension, IReadOnlyList<SiteFlag> Flags,
    SortedDictionary<string, SiteWayHomeDto>? WayHome = null);

/// <summary>
/// The way home for one service kind, as <c>POST /api/v1/transit/way-home</c> gives it for the site and <c>facility</c>
/// (the nearest of the kind by public transport; <c>facility_lon/lat</c> are the point routed): outbound in the
/// morning window, return in the evening window (<c>evening_from</c>, <c>evening_minutes</c>), both at the
/// percentile; <c>flagged</c> when there is no journey back or it takes more than <c>ratio</c> × the outbound;
/// <c>available=false</c> with a <c>reason</c> when it could not be checked.
/// </summary>
public sealed record SiteWayHomeDto(
    bool Available, string? Reason, long? FacilityId, string? FacilityName, double? FacilityLon, double? FacilityLat,
    int? OutboundSeconds, int? ReturnSeconds, bool Flagged, string? Why, string? EveningFrom, int EveningMinutes, double Ratio);

/// <summary>One service kind by one mode: the nearest facility and how many are within 15 and 30 minutes; <c>available=false</c> with a reason when the mode could not be computed.</summary>
public sealed record ServiceModeDto(bool Available, string? Reason, NearestDto? Nearest, [property: JsonPropertyName("within_15_min")] int? Within15Min, [property: JsonPropertyName("within_30_min")] int? Within30Min, int Facilities);

/// <summary>
/// The nearest facility: seconds as <c>/api/v1/travel-times</c> gives them, minutes, straight-line metres, and the length of
/// that fastest route in metres (walk, cycle, drive: network plus partial edges plus both off-network legs; null by transit,
/// whose router gives a distribution of journeys over a window rather than one path).
/// </summary>
public sealed record NearestDto(long Id, string Name, double Seconds, double Minutes, double StraightLineM, double? RouteLengthM);

/// <summary>police.uk rows within <c>radius_m</c> over the 12-month <c>period</c>.</summary>
public sealed record SiteRiskDto(double RadiusM, string? Period, SiteIncidentsDto Asb, SiteIncidentsDto Crime);

/// <summary>Count, months (oldest first), trend, rows per km² of the circle and of the site's LSOA, their ratio, and (ASB) the LSOA percentile the flag uses.</summary>
public sealed record SiteIncidentsDto(long Count, long[] Monthly, TrendResult Trend, double PerKm2, double? AreaPerKm2, double? RatioToArea, double? AreaPercentilePerKm2);

/// <summary>Gi* class of the 250 m cell holding the site.</summary>
public sealed record HotspotCellDto(string? Code, int Class, string ClassName);

/// <summary>Tension of the site's LSOA as of the register's latest report: reports, decayed index, latest level and the highest level within the flag's days.</summary>
public sealed record SiteTensionDto(string AreaCode, string AsOf, int Reports, double Index, int? LatestLevel, string? LatestDate, int? MaxLevelRecent, bool Synthetic);
