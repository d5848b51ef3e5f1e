namespace CohesionGeo.GeoEngine.Routing;

/// <summary>A point could not be joined to the network (too far from any edge the mode may use, or not a number).</summary>
public sealed class PointLinkException : Exception
{
    public PointLinkException()
    {
    }

    public PointLinkException(string message)
        : base(message)
    {
    }

    public PointLinkException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Index of the failing point in the set being linked (-1 when unknown).</summary>
    public int PointIndex { get; init; } = -1;

    /// <summary>Distance to the nearest edge the mode may use, metres (+∞ when there is none).</summary>
    public double DistanceMetres { get; init; } = double.PositiveInfinity;
}
