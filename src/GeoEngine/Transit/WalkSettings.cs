namespace CohesionGeo.GeoEngine.Transit;

/// <summary>How far and how fast people walk to, from and between stops.</summary>
/// <param name="SpeedKmh">Walking speed, km/h (default 4.8; older people walk slower).</param>
/// <param name="MaxWalkM">Longest access or egress walk to a stop, metres (default 1,500).</param>
/// <param name="MaxTransferM">Longest walk between two stops when changing, metres (default 500).</param>
/// <param name="MaxDirectWalkM">Longest walk from origin to destination without transit, metres (default 5,000).</param>
public sealed record WalkSettings(double SpeedKmh = 4.8, double MaxWalkM = 1500, double MaxTransferM = 500, double MaxDirectWalkM = 5000)
{
    public static WalkSettings Default { get; } = new();

    /// <summary>Metres per second.</summary>
    public double SpeedMps => SpeedKmh / 3.6;

    /// <summary>Whole seconds to walk <paramref name="metres"/> (rounded up).</summary>
    public int Seconds(double metres) => (int)Math.Ceiling(metres / SpeedMps);
}
