namespace CohesionGeo.GeoEngine.Risk;

/// <summary>
/// Small-number suppression for outputs a <c>viewer</c> can see: counts from 1 to 4 are withheld
/// (shown as "fewer than 5") because a handful of reports at one place can identify people; 0 and
/// 5 or more are shown. Anything derived from a withheld count (a rate, a trend) is withheld too.
/// </summary>
public static class SmallNumbers
{
    /// <summary>Smallest count shown to viewers.</summary>
    public const int Threshold = 5;

    /// <summary>Text shown in place of a withheld count.</summary>
    public const string WithheldText = "fewer than 5";

    public static bool IsWithheld(long count) => count is > 0 and < Threshold;

    /// <summary>The count, or null when withheld.</summary>
    public static long? Shown(long count) => IsWithheld(count) ? null : count;
}
