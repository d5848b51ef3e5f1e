namespace CohesionGeo.GeoEngine.Risk;

/// <summary>
/// Getis–Ord Gi* (Getis and Ord 1992; Ord and Getis 1995) as a z-score per feature, with binary
/// distance-band weights: w_ij = 1 when the centres of i and j are at most <c>bandMetres</c> apart,
/// else 0, and the feature itself is included (w_ii = 1, the "star").
/// <code>
/// Gi* = (Σ_j w_ij x_j − x̄ Σ_j w_ij) / ( S √[(n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1)] ),
/// x̄ = Σ x / n,  S = √(Σ x² / n − x̄²)
/// </code>
/// Coordinates are in a projected CRS in metres (EPSG:27700 here). Neighbours are found through a
/// square bucket grid of side <c>bandMetres</c>, so the cost is about n × (neighbours). A feature
/// whose band holds every feature, or a set with no variation (S = 0), gets z = 0.
/// Caveat: Gi* is computed on counts, so it marks clusters of reports, which also follow where people
/// live and go; police.uk points are snapped anonymised locations, not exact places.
/// </summary>
public static class GetisOrdGiStar
{
    /// <param name="x">Feature centre eastings (m).</param>
    /// <param name="y">Feature centre northings (m).</param>
    /// <param name="values">Attribute per feature (for example incident counts).</param>
    /// <param name="bandMetres">Distance band (m), inclusive.</param>
    /// <returns>z-score per feature.</returns>
    public static double[] Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> values, double bandMetres)
    {
        var n = values.Length;
        if (x.Length != n || y.Length != n)
        {
            throw new ArgumentException("x, y and values must have the same length.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bandMetres);
        var z = new double[n];
        if (n < 2)
        {
            return z;
        }

        double sum = 0, sumSq = 0;
        for (var i = 0; i < n; i++)
        {
            sum += values[i];
            sumSq += values[i] * values[i];
        }

        var mean = sum / n;
        var variance = (sumSq / n) - (mean * mean);
        if (variance <= 1e-12 * Math.Max(1.0, mean * mean))
        {
            return z;
        }

        var s = Math.Sqrt(variance);
        var buckets = new SpatialBuckets(x, y, bandMetres);
        var band2 = bandMetres * bandMetres;
        for (var i = 0; i < n; i++)
        {
            double weightSum = 0, weighted = 0;
            var (bx, by) = buckets.CellOf(x[i], y[i]);
            for (var cy = by - 1; cy <= by + 1; cy++)
            {
                for (var cx = bx - 1; cx <= bx + 1; cx++)
                {
                    foreach (var j in buckets.Members(cx, cy))
                    {
                        var dx = x[j] - x[i];
                        var dy = y[j] - y[i];
                        if ((dx * dx) + (dy * dy) <= band2)
                        {
                            weightSum += 1.0;
                            weighted += values[j];
                        }
                    }
                }
            }

            // Binary weights: Σ w² = Σ w.
            var denominatorSquared = ((n * weightSum) - (weightSum * weightSum)) / (n - 1);
            z[i] = denominatorSquared <= 0 ? 0 : (weighted - (mean * weightSum)) / (s * Math.Sqrt(denominatorSquared));
        }

        return z;
    }
}
