using CohesionGeo.GeoEngine.Risk;

namespace CohesionGeo.GeoEngine.Tests.Risk;

public class GetisOrdGiStarTests
{
    [Fact]
    public void A_three_by_three_lattice_worked_by_hand()
    {
        // Values 1..9 on a 100 m lattice, band 100 m: each cell, itself and its rook neighbours.
        // n = 9, mean 5, S² = 285/9 − 25 = 20/3.
        // Corner (value 1): itself + 2 + 4 = 7, W = 3: z = (7 − 3·5) / (S √((9·3 − 9)/8)) = −8 / (1.5 S).
        // Centre (value 5): 5 + 2 + 4 + 6 + 8 = 25, W = 5: z = (25 − 25) / ... = 0.
        // Edge (value 2): 2 + 1 + 3 + 5 = 11, W = 4: z = (11 − 20) / (S √((36 − 16)/8)) = −9 / (S √2.5).
        // Far corner (value 9): 9 + 6 + 8 = 23: z = 8 / (1.5 S).
        var (x, y) = Lattice(3, 100);
        var z = GetisOrdGiStar.Compute(x, y, [1, 2, 3, 4, 5, 6, 7, 8, 9], 100);
        var s = Math.Sqrt(20.0 / 3.0);
        Assert.Equal(-8.0 / (1.5 * s), z[0], 1e-9);
        Assert.Equal(-9.0 / (s * Math.Sqrt(2.5)), z[1], 1e-9);
        Assert.Equal(0.0, z[4], 1e-9);
        Assert.Equal(8.0 / (1.5 * s), z[8], 1e-9);
    }

    [Fact]
    public void Matches_a_plain_reference_on_a_random_lattice_with_a_wider_band()
    {
        var rng = new Random(20231);
        var (x, y) = Lattice(12, 250);
        var values = Enumerable.Range(0, x.Length).Select(_ => (double)rng.Next(0, 15)).ToArray();
        var z = GetisOrdGiStar.Compute(x, y, values, 600);
        var reference = Reference(x, y, values, 600);
        for (var i = 0; i < z.Length; i++)
        {
            Assert.Equal(reference[i], z[i], 1e-9);
        }
    }

    [Fact]
    public void No_variation_gives_zero()
    {
        var (x, y) = Lattice(3, 100);
        Assert.All(GetisOrdGiStar.Compute(x, y, Enumerable.Repeat(4.0, 9).ToArray(), 150), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void A_cluster_of_counts_is_a_hot_spot_after_fdr_and_empty_surroundings_are_not_cold()
    {
        var (x, y) = Lattice(15, 433);
        var counts = new double[x.Length];
        foreach (var i in new[] { 111, 112, 113, 96, 97, 98, 126, 127, 128 })
        {
            counts[i] = 20;
        }

        var result = HotspotAnalysis.Run(x, y, counts, 500);
        Assert.Equal(3, result.Class[112]);
        Assert.Equal("hot_99", HotspotClass.Name(result.Class[112]));
        Assert.Equal(0, result.Class[0]);
        Assert.True(result.AdjustedP[112] >= result.P[112]);
    }

    /// <summary>All-pairs reference: explicit weight matrix, population variance from deviations.</summary>
    private static double[] Reference(double[] x, double[] y, double[] v, double band)
    {
        var n = v.Length;
        var mean = v.Average();
        var s = Math.Sqrt(v.Select(a => (a - mean) * (a - mean)).Sum() / n);
        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            var w = new double[n];
            for (var j = 0; j < n; j++)
            {
                w[j] = Math.Sqrt(Math.Pow(x[i] - x[j], 2) + Math.Pow(y[i] - y[j], 2)) <= band ? 1 : 0;
            }

            var sw = w.Sum();
            var sw2 = w.Select(a => a * a).Sum();
            var swx = w.Zip(v, (a, b) => a * b).Sum();
            z[i] = (swx - (mean * sw)) / (s * Math.Sqrt(((n * sw2) - (sw * sw)) / (n - 1)));
        }

        return z;
    }

    private static (double[] X, double[] Y) Lattice(int side, double spacing)
    {
        var x = new double[side * side];
        var y = new double[side * side];
        for (var r = 0; r < side; r++)
        {
            for (var c = 0; c < side; c++)
            {
                x[(r * side) + c] = 350000 + (c * spacing);
                y[(r * side) + c] = 180000 + (r * spacing);
            }
        }

        return (x, y);
    }
}
