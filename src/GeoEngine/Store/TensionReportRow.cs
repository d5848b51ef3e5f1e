using CohesionGeo.GeoEngine.Risk;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>A stored tension report (restricted data) with its point in WGS84 lon/lat.</summary>
public sealed record TensionReportRow(long Id, TensionReport Report, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);
