namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// Travel time in seconds from one origin to each target for every departure minute of a window
/// (<see cref="Unreachable"/> when there is no journey). Percentiles are taken over the minutes, so
/// the 50th is the typical trip of someone leaving at a random minute of the window, waiting included.
/// </summary>
public sealed class TravelTimeSamples
{
    /// <summary>Marks a minute with no journey.</summary>
    public const int Unreachable = int.MaxValue;

    /// <summary>The percentiles reported unless asked otherwise.</summary>
    public static readonly IReadOnlyList<int> StandardPercentiles = [5, 25, 50, 75, 95];

    public TravelTimeSamples(int[] departureSeconds, int targetCount, int[] seconds)
    {
        ArgumentNullException.ThrowIfNull(departureSeconds);
        ArgumentNullException.ThrowIfNull(seconds);
        if (seconds.Length != departureSeconds.Length * targetCount)
        {
            throw new ArgumentException("seconds must hold one value per departure and target", nameof(seconds));
        }

        DepartureSeconds = departureSeconds;
        TargetCount = targetCount;
        Seconds = seconds;
    }

    /// <summary>The departure times (seconds after midnight), ascending.</summary>
    public int[] DepartureSeconds { get; }

    public int TargetCount { get; }

    /// <summary>Row-major: departure i, target j at <c>i * TargetCount + j</c>.</summary>
    public int[] Seconds { get; }

    public int At(int departure, int target) => Seconds[(departure * TargetCount) + target];

    /// <summary>The <paramref name="percentile"/>-th (1–99, nearest rank) travel time to a target, or null when that share of minutes has no journey.</summary>
    public int? Percentile(int target, int percentile)
    {
        var column = new int[DepartureSeconds.Length];
        for (var i = 0; i < column.Length; i++)
        {
            column[i] = At(i, target);
        }

        Array.Sort(column);
        return Pick(column, percentile);
    }

    /// <summary>Several percentiles of one target at once (ascending percentiles give non-decreasing times).</summary>
    public int?[] Percentiles(int target, IReadOnlyList<int> percentiles)
    {
        ArgumentNullException.ThrowIfNull(percentiles);
        var column = new int[DepartureSeconds.Length];
        for (var i = 0; i < column.Length; i++)
        {
            column[i] = At(i, target);
        }

        Array.Sort(column);
        return [.. percentiles.Select(p => Pick(column, p))];
    }

    private static int? Pick(int[] sorted, int percentile)
    {
        if (sorted.Length == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        var v = sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        return v == Unreachable ? null : v;
    }
}
