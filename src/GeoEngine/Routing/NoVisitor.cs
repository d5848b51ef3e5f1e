namespace CohesionGeo.GeoEngine.Routing;

/// <summary>A visitor that never stops the search (the search only fills times).</summary>
public struct NoVisitor : ISearchVisitor
{
    /// <inheritdoc />
    public readonly bool OnSettled(int node, float seconds) => true;
}
