namespace CohesionGeo.GeoEngine.Osm;

/// <summary>An OSM file that cannot be made into a network: not a PBF, truncated, or with nothing routable. The message names the cause.</summary>
public sealed class OsmImportException : Exception
{
    public OsmImportException()
    {
    }

    public OsmImportException(string message)
        : base(message)
    {
    }

    public OsmImportException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
