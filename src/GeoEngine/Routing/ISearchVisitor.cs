namespace CohesionGeo.GeoEngine.Routing;

/// <summary>
/// Hook called by <see cref="DijkstraSearch"/> as each vertex is settled, in order of time. Implement
/// it on a <c>struct</c> so the call is inlined and nothing is allocated in the loop.
/// </summary>
public interface ISearchVisitor
{
    /// <summary>Vertex <paramref name="node"/> is settled at <paramref name="seconds"/>; return false to stop the search.</summary>
    bool OnSettled(int node, float seconds);
}
