namespace CohesionGeo.GeoApi.Tiles;

/// <summary>
/// Names of the data tile layers depend on. After changing such data, call
/// <c>TileCache.InvalidateAsync(TileDataKeys.X)</c>; every layer that declares it is evicted, no other.
/// </summary>
public static class TileDataKeys
{
    public const string Network = "network";
    public const string Dwellings = "dwellings";
    public const string Facilities = "facilities";
    public const string Areas = "areas";
    public const string Incidents = "incidents";
    public const string TensionReports = "tension_reports";
    public const string DocoFeatures = "doco_features";
    public const string Sites = "sites";
    public const string Access = "access";

    public static readonly IReadOnlyList<string> All = [Network, Dwellings, Facilities, Areas, Incidents, TensionReports, DocoFeatures, Sites, Access];
}
