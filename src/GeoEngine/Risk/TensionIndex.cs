namespace CohesionGeo.GeoEngine.Risk;

/// <summary>
/// Community tension index of one area at a reference date: Σ level × tier weight × 2^(−age / half-life)
/// over the area's reports dated on or before the reference date (reports after it are ignored).
/// Level is 1–6; tier weights: evidenced 1.0, experienced 0.75, potential 0.5 (evidence counts more than
/// perception or risk). Half-life defaults to 28 days: a report four weeks old counts half.
/// </summary>
public static class TensionIndex
{
    public const double DefaultHalfLifeDays = 28;

    /// <summary>Weight of a tier (<c>evidenced</c>, <c>experienced</c>, <c>potential</c>).</summary>
    public static double TierWeight(string tier) => tier switch
    {
        "evidenced" => 1.0,
        "experienced" => 0.75,
        "potential" => 0.5,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "tier must be evidenced, experienced or potential"),
    };

    /// <param name="ageDays">Age of each report in days at the reference date (negative = later: ignored).</param>
    /// <param name="levels">Level 1–6 of each report.</param>
    /// <param name="tierWeights">Tier weight of each report (<see cref="TierWeight"/>).</param>
    /// <param name="halfLifeDays">Half-life of a report's weight, days (&gt; 0).</param>
    public static double Of(ReadOnlySpan<double> ageDays, ReadOnlySpan<int> levels, ReadOnlySpan<double> tierWeights, double halfLifeDays = DefaultHalfLifeDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(halfLifeDays);
        var sum = 0.0;
        for (var i = 0; i < ageDays.Length; i++)
        {
            if (ageDays[i] < 0)
            {
                continue;
            }

            sum += levels[i] * tierWeights[i] * Math.Pow(2.0, -ageDays[i] / halfLifeDays);
        }

        return sum;
    }
}
