namespace CohesionGeo.GeoEngine.Store;

/// <summary>Facilities of one kind as read for accessibility: id, EPSG:27700 position, capacity (null = unknown).</summary>
public sealed record AccessFacilities(long[] Ids, double[] X, double[] Y, int?[] Capacity)
{
    public int Count => Ids.Length;
}
