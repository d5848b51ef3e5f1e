namespace CohesionGeo.GeoEngine.Network;

/// <summary>Helpers for <see cref="TravelMode"/>: the count of modes and wire names.</summary>
public static class TravelModes
{
    /// <summary>Number of street modes held per edge (walk, cycle, drive).</summary>
    public const int Count = 3;

    /// <summary>All street modes in index order.</summary>
    public static IReadOnlyList<TravelMode> All { get; } = [TravelMode.Walk, TravelMode.Cycle, TravelMode.Drive];

    /// <summary>The wire name: <c>walk</c>, <c>cycle</c>, <c>drive</c>.</summary>
    public static string ToWire(this TravelMode mode) => mode switch
    {
        TravelMode.Walk => "walk",
        TravelMode.Cycle => "cycle",
        TravelMode.Drive => "drive",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>Parses a wire name (case-insensitive).</summary>
    public static bool TryParse(string? text, out TravelMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "walk": mode = TravelMode.Walk; return true;
            case "cycle": mode = TravelMode.Cycle; return true;
            case "drive": mode = TravelMode.Drive; return true;
            default: mode = default; return false;
        }
    }
}
