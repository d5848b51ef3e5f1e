namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// The walking part of a transit journey: access (origin → stops), egress (stops → destination),
/// direct walks and stop-to-stop transfers. Implementations: <see cref="StreetWalkLegs"/> (the
/// street network, walk profile) or <see cref="StraightLineWalkLegs"/> (an approximation).
/// All times are whole seconds.
/// </summary>
public interface IWalkLegs
{
    /// <summary>Short description for reports, e.g. "street network" or "straight line × 1.3 (approximation)".</summary>
    string Method { get; }

    /// <summary>Stops reachable on foot from <paramref name="origin"/> within <see cref="WalkSettings.MaxWalkM"/>, with seconds.</summary>
    IReadOnlyList<StopLeg> AccessLegs(LonLat origin, WalkSettings walk);

    /// <summary>Stops from which <paramref name="destination"/> is reachable on foot within <see cref="WalkSettings.MaxWalkM"/>, with seconds.</summary>
    IReadOnlyList<StopLeg> EgressLegs(LonLat destination, WalkSettings walk);

    /// <summary>Seconds to walk from <paramref name="from"/> to each of <paramref name="to"/>; −1 beyond <see cref="WalkSettings.MaxDirectWalkM"/>.</summary>
    int[] DirectSeconds(LonLat from, IReadOnlyList<LonLat> to, WalkSettings walk);

    /// <summary>Walking transfers between distinct stops within <see cref="WalkSettings.MaxTransferM"/>.</summary>
    IEnumerable<(int From, int To, int Seconds)> Transfers(WalkSettings walk);
}
