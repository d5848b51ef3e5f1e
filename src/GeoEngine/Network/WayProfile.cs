namespace CohesionGeo.GeoEngine.Network;

/// <summary>
/// What a way's tags allow: per mode (indexed by <see cref="TravelMode"/>), the speed in km/h along
/// the way's direction of digitisation (<see cref="ForwardKmh"/>) and against it
/// (<see cref="BackwardKmh"/>); 0 = the mode may not pass that way.
/// </summary>
public sealed class WayProfile
{
    public WayProfile(double[] forwardKmh, double[] backwardKmh)
    {
        ArgumentNullException.ThrowIfNull(forwardKmh);
        ArgumentNullException.ThrowIfNull(backwardKmh);
        ForwardKmh = forwardKmh;
        BackwardKmh = backwardKmh;
    }

    /// <summary>A way no mode may use (e.g. <c>highway=construction</c>).</summary>
    public static WayProfile None { get; } = new(new double[TravelModes.Count], new double[TravelModes.Count]);

    /// <summary>Speed km/h along the way per mode; 0 = not allowed.</summary>
    public IReadOnlyList<double> ForwardKmh { get; }

    /// <summary>Speed km/h against the way per mode; 0 = not allowed.</summary>
    public IReadOnlyList<double> BackwardKmh { get; }

    /// <summary>Whether any mode may use the way in any direction.</summary>
    public bool IsRoutable => ForwardKmh.Any(v => v > 0) || BackwardKmh.Any(v => v > 0);

    /// <summary>Seconds to cover <paramref name="metres"/> at <paramref name="kmh"/>; -1 when the speed is 0 (impassable).</summary>
    public static double Seconds(double metres, double kmh) => kmh > 0 ? metres / (kmh / 3.6) : -1;
}
