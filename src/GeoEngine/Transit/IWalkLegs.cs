namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// The walking part of a transit journey: access (origin → stops), egress (stops → destination,
/// the same walk reversed), direct walks and stop-to-stop transfers. Implementations: the street
/// network (walk profile) or <see cref="StraightLineWalkLegs"/> (an approximation).
/// </summary>
public interface IWalkLegs
{
    /// <summary>Short description for reports, e.g. "street network" or "straight line × 1.3 (approximation)".</summary>
    string Method { get; }

    /// <summary>Stops within <see cref="WalkSettings.MaxWalkM"/> of <paramref name="point"/> with walking seconds.</summary>
    IReadOnlyList<StopLeg> StopsNear(LonLat point, WalkSettings walk);

    /// <summary>Seconds to walk from <paramref name="from"/> to <paramref name="to"/>, or null beyond <see cref="WalkSettings.MaxDirectWalkM"/>.</summary>
    int? DirectSeconds(LonLat from, LonLat to, WalkSettings walk);

    /// <summary>Walking transfers between distinct stops within <see cref="WalkSettings.MaxTransferM"/>.</summary>
    IEnumerable<(int From, int To, int Seconds)> Transfers(WalkSettings walk);
}
