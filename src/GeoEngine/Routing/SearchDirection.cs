namespace CohesionGeo.GeoEngine.Routing;

/// <summary>Which way a search runs over one-way edges.</summary>
public enum SearchDirection
{
    /// <summary>Times <em>from</em> the seeds to every vertex ("how far can I get from home").</summary>
    Forward = 0,

    /// <summary>Times from every vertex <em>to</em> the seeds ("how long to reach this GP"): edges are used against their direction of travel.</summary>
    Reverse = 1,
}
