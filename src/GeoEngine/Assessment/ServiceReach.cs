namespace CohesionGeo.GeoEngine.Assessment;

/// <summary>
/// From one site's travel times to the facilities of one kind (seconds; +∞ or NaN = unreachable): the
/// nearest facility (index into the row, −1 when none is reachable), its time, and how many are reachable
/// within 15 and 30 minutes (inclusive).
/// </summary>
public readonly record struct ServiceReach(int NearestIndex, double NearestSeconds, int Within15Minutes, int Within30Minutes)
{
    public static ServiceReach Of(ReadOnlySpan<double> seconds)
    {
        var best = -1;
        var bestSeconds = double.PositiveInfinity;
        int in15 = 0, in30 = 0;
        for (var i = 0; i < seconds.Length; i++)
        {
            var t = seconds[i];
            if (!double.IsFinite(t))
            {
                continue;
            }

            if (t < bestSeconds)
            {
                best = i;
                bestSeconds = t;
            }

            if (t <= 15 * 60)
            {
                in15++;
            }

            if (t <= 30 * 60)
            {
                in30++;
            }
        }

        return new ServiceReach(best, bestSeconds, in15, in30);
    }
}
