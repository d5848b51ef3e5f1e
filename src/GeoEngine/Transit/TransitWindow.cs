namespace CohesionGeo.GeoEngine.Transit;

/// <summary>A departure window: every minute from <paramref name="FromSeconds"/> for <paramref name="Minutes"/> minutes, walking as <paramref name="Walk"/> says.</summary>
/// <param name="FromSeconds">First departure, seconds after midnight of the timetable's date (08:00 = 28,800).</param>
/// <param name="Minutes">Length of the window in minutes (120 by default).</param>
/// <param name="Walk">Walking speed and limits.</param>
public sealed record TransitWindow(int FromSeconds, int Minutes, WalkSettings Walk)
{
    /// <summary>Tuesday-morning default: 08:00–10:00.</summary>
    public static TransitWindow Morning { get; } = new(8 * 3600, 120, WalkSettings.Default);

    /// <summary>The evening window of the way-home check: 16:00–19:00.</summary>
    public static TransitWindow Evening { get; } = new(16 * 3600, 180, WalkSettings.Default);

    public int ToSeconds => FromSeconds + (Minutes * 60);
}
