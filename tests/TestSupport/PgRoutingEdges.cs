using CohesionGeo.GeoEngine.Network;

namespace CohesionGeo.TestSupport;

/// <summary>
/// The edge query pgRouting runs on for each mode: the same <c>network.edges</c> rows and costs (seconds) the engine
/// routes on, so pgRouting is an independent oracle on identical input. Identifiers from this fixed list only.
/// </summary>
public static class PgRoutingEdges
{
    /// <summary>Edge SQL per mode (<c>id, source, target, cost, reverse_cost</c>).</summary>
    public static readonly IReadOnlyDictionary<TravelMode, string> Sql = new Dictionary<TravelMode, string>
    {
        [TravelMode.Walk] = "SELECT id, source, target, cost_walk AS cost, reverse_cost_walk AS reverse_cost FROM network.edges",
        [TravelMode.Cycle] = "SELECT id, source, target, cost_cycle AS cost, reverse_cost_cycle AS reverse_cost FROM network.edges",
        [TravelMode.Drive] = "SELECT id, source, target, cost_drive AS cost, reverse_cost_drive AS reverse_cost FROM network.edges",
    };
}
