namespace CohesionGeo.GeoEngine.Store;

/// <summary>Dwellings as read for accessibility: id, EPSG:27700 position, LSOA and 250 m hex code (null when outside).</summary>
public sealed record AccessDwellings(long[] Ids, double[] X, double[] Y, string?[] Lsoa, string?[] Hex)
{
    public int Count => Ids.Length;
}
