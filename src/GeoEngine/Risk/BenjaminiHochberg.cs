namespace CohesionGeo.GeoEngine.Risk;

/// <summary>
/// Benjamini–Hochberg (1995) false discovery rate. <see cref="Adjust"/> gives the step-up adjusted
/// p-values q_(i) = min over k ≥ i of min(1, m p_(k) / k) (as R's <c>p.adjust(method = "BH")</c>);
/// a test is a discovery at FDR level α exactly when its adjusted p-value is ≤ α.
/// </summary>
public static class BenjaminiHochberg
{
    /// <param name="p">Raw p-values in [0, 1], any order.</param>
    /// <returns>Adjusted p-values in the same order.</returns>
    public static double[] Adjust(ReadOnlySpan<double> p)
    {
        var m = p.Length;
        var order = new int[m];
        var sorted = new double[m];
        for (var i = 0; i < m; i++)
        {
            order[i] = i;
            sorted[i] = p[i];
        }

        Array.Sort(sorted, order);
        var adjusted = new double[m];
        var running = 1.0;
        for (var k = m - 1; k >= 0; k--)
        {
            running = Math.Min(running, Math.Min(1.0, sorted[k] * m / (k + 1)));
            adjusted[order[k]] = running;
        }

        return adjusted;
    }

    /// <summary>Which tests are discoveries at FDR level <paramref name="alpha"/>.</summary>
    public static bool[] Reject(ReadOnlySpan<double> p, double alpha)
    {
        var q = Adjust(p);
        var result = new bool[q.Length];
        for (var i = 0; i < q.Length; i++)
        {
            result[i] = q[i] <= alpha;
        }

        return result;
    }
}
