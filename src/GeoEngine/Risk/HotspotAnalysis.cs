namespace CohesionGeo.GeoEngine.Risk;

/// <summary>
/// Gi* on cells → two-sided p → Benjamini–Hochberg adjusted p (over all cells of the run) →
/// <see cref="HotspotClass"/>. Inputs are cell centres in EPSG:27700 metres and counts per cell;
/// cells with zero count must be included (they are part of the distribution).
/// </summary>
public static class HotspotAnalysis
{
    /// <summary>Default distance band for 250 m hexagons: 500 m takes a cell and its six touching
    /// neighbours (centres 433 m apart), so each Gi* sums 7 cells (about 1.1 km²).</summary>
    public const double DefaultBandMetres = 500;

    public static HotspotResult Run(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> counts, double bandMetres)
    {
        var z = GetisOrdGiStar.Compute(x, y, counts, bandMetres);
        var p = new double[z.Length];
        for (var i = 0; i < z.Length; i++)
        {
            p[i] = NormalDistribution.TwoSidedP(z[i]);
        }

        var q = BenjaminiHochberg.Adjust(p);
        var classes = new int[z.Length];
        for (var i = 0; i < z.Length; i++)
        {
            classes[i] = HotspotClass.Of(z[i], q[i]);
        }

        return new HotspotResult(z, p, q, classes);
    }
}
