namespace CohesionGeo.GeoEngine.Accessibility;

/// <summary>Summaries of dwelling times per area (see <see cref="AreaAccessSummary"/> for the definitions).</summary>
public static class AccessAggregator
{
    /// <summary>Summarises one set of dwelling times (seconds; +∞ or NaN = unreachable). Sorts <paramref name="seconds"/> in place.</summary>
    public static AreaAccessSummary Summarise(Span<float> seconds)
    {
        var n = seconds.Length;
        if (n == 0)
        {
            return new AreaAccessSummary(0, 0, null, null, null, 0, 0);
        }

        for (var i = 0; i < n; i++)
        {
            if (float.IsNaN(seconds[i]))
            {
                seconds[i] = float.PositiveInfinity;
            }
        }

        seconds.Sort();
        var reachable = 0;
        double sum = 0;
        int over15 = 0, over30 = 0;
        foreach (var t in seconds)
        {
            if (float.IsFinite(t))
            {
                reachable++;
                sum += t;
            }

            if (!(t <= ServiceAccessCalculator.Seconds15))
            {
                over15++;
            }

            if (!(t <= ServiceAccessCalculator.Seconds30))
            {
                over30++;
            }
        }

        double? median = n % 2 == 1 ? Finite(seconds[n / 2]) : Finite(((double)seconds[(n / 2) - 1] + seconds[n / 2]) / 2);
        var rank90 = (int)Math.Ceiling(0.9 * n);
        return new AreaAccessSummary(
            n,
            reachable,
            reachable > 0 ? sum / reachable : null,
            median,
            Finite(seconds[rank90 - 1]),
            (double)over15 / n,
            (double)over30 / n);
    }

    /// <summary>
    /// Summaries per area: <paramref name="areaOfOrigin"/>[i] is origin i's area index (−1 = none) in
    /// [0, <paramref name="areaCount"/>). Areas without origins get null.
    /// </summary>
    public static AreaAccessSummary?[] ByArea(ReadOnlySpan<float> seconds, ReadOnlySpan<int> areaOfOrigin, int areaCount)
    {
        if (seconds.Length != areaOfOrigin.Length)
        {
            throw new ArgumentException("One area index per origin is needed.", nameof(areaOfOrigin));
        }

        var first = new int[areaCount + 1];
        foreach (var a in areaOfOrigin)
        {
            if (a >= 0)
            {
                first[a + 1]++;
            }
        }

        for (var a = 0; a < areaCount; a++)
        {
            first[a + 1] += first[a];
        }

        var fill = (int[])first.Clone();
        var grouped = new float[first[areaCount]];
        for (var i = 0; i < seconds.Length; i++)
        {
            var a = areaOfOrigin[i];
            if (a >= 0)
            {
                grouped[fill[a]++] = seconds[i];
            }
        }

        var result = new AreaAccessSummary?[areaCount];
        for (var a = 0; a < areaCount; a++)
        {
            if (first[a + 1] > first[a])
            {
                result[a] = Summarise(grouped.AsSpan(first[a], first[a + 1] - first[a]));
            }
        }

        return result;
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
