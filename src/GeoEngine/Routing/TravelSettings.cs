using CohesionGeo.GeoEngine.Network;

namespace CohesionGeo.GeoEngine.Routing;

/// <summary>
/// Per-request travel settings. The walk network is costed at <see cref="TravelProfiles.WalkSpeedKmh"/>;
/// a different <see cref="WalkSpeedKmh"/> scales walk edge costs linearly. The off-network leg
/// (point to its foot on the network) is always walked at <see cref="WalkSpeedKmh"/>, whatever the mode.
/// </summary>
/// <param name="WalkSpeedKmh">Walking speed, km/h (0.5–10).</param>
public sealed record TravelSettings(double WalkSpeedKmh = TravelProfiles.WalkSpeedKmh)
{
    /// <summary>Default settings (4.8 km/h).</summary>
    public static TravelSettings Default { get; } = new();

    /// <summary>Multiplier on stored edge costs for <paramref name="mode"/>.</summary>
    public float CostScale(TravelMode mode) => mode == TravelMode.Walk ? (float)(TravelProfiles.WalkSpeedKmh / WalkSpeedKmh) : 1f;

    /// <summary>Seconds to walk <paramref name="metres"/> off the network.</summary>
    public float OffNetworkSeconds(double metres) => (float)(metres / (WalkSpeedKmh / 3.6));
}
