namespace CohesionGeo.GeoEngine.Accessibility;

/// <summary>
/// Two-step floating catchment area (Luo &amp; Wang 2003), with a hard catchment d₀:
/// step 1, each facility j's supply-to-demand ratio Rⱼ = Sⱼ / Σ Pᵢ over origins i with tᵢⱼ ≤ d₀;
/// step 2, each origin's score Aᵢ = Σ Rⱼ over facilities j with tᵢⱼ ≤ d₀.
/// Here supply is a GP's capacity (e.g. patient places or GPs, as the user's file gives it) and
/// demand is 1 per dwelling (no household sizes in the data), so Aᵢ reads "capacity per dwelling
/// reachable". Facilities without a capacity are left out (ratio null): the score covers only
/// GPs with a known capacity, and says so.
/// </summary>
public static class TwoStepFloatingCatchment
{
    /// <param name="originDemand">Demand per origin (dwellings: 1).</param>
    /// <param name="facilitySupply">Supply per facility; null = unknown (facility ignored).</param>
    /// <param name="pairs">Every (origin, facility) within the catchment, with its time (already filtered to ≤ d₀).</param>
    /// <returns>Ratio per facility (null when unknown supply or no demand in reach) and score per origin.</returns>
    public static (double?[] FacilityRatio, double[] OriginScore) Compute(
        ReadOnlySpan<double> originDemand, IReadOnlyList<double?> facilitySupply, IReadOnlyList<(int Origin, int Facility, float Seconds)> pairs)
    {
        ArgumentNullException.ThrowIfNull(facilitySupply);
        ArgumentNullException.ThrowIfNull(pairs);
        var demandInReach = new double[facilitySupply.Count];
        foreach (var (i, j, _) in pairs)
        {
            demandInReach[j] += originDemand[i];
        }

        var ratio = new double?[facilitySupply.Count];
        for (var j = 0; j < ratio.Length; j++)
        {
            ratio[j] = facilitySupply[j] is { } s && demandInReach[j] > 0 ? s / demandInReach[j] : null;
        }

        var score = new double[originDemand.Length];
        foreach (var (i, j, _) in pairs)
        {
            if (ratio[j] is { } r)
            {
                score[i] += r;
            }
        }

        return (ratio, score);
    }
}
