using CohesionGeo.GeoEngine.Risk;

namespace CohesionGeo.GeoEngine.Tests.Risk;

public class BenjaminiHochbergTests
{
    // Benjamini and Hochberg (1995), section 4: 15 p-values from a study of myocardial infarction
    // treatment; at q* = 0.05 the first four are rejected (largest i with p_(i) ≤ i·0.05/15 is i = 4).
    private static readonly double[] Textbook =
        [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0000];

    [Fact]
    public void The_textbook_example_rejects_the_first_four()
    {
        var shuffled = Textbook.Reverse().ToArray();
        var reject = BenjaminiHochberg.Reject(shuffled, 0.05);
        Assert.Equal(4, reject.Count(r => r));
        Assert.All(shuffled.Where((_, i) => reject[i]), p => Assert.True(p <= 0.0095));
    }

    [Fact]
    public void Adjusted_values_worked_by_hand()
    {
        var q = BenjaminiHochberg.Adjust(Textbook);
        Assert.Equal(15 * 0.0001 / 1, q[0], 1e-12);           // min(0.0015, 0.003, 0.0095, 0.035625, ...)
        Assert.Equal(15 * 0.0095 / 4, q[3], 1e-12);           // 0.035625
        Assert.Equal(15 * 0.0201 / 5, q[4], 1e-12);           // 0.0603: later ratios are larger
        Assert.Equal(15 * 0.0298 / 7, q[5], 1e-12);           // 0.0278·15/6 = 0.0695 > 0.0298·15/7 = 0.06386
        Assert.Equal(1.0, q[14], 1e-12);
    }

    [Fact]
    public void Adjusted_values_match_a_brute_force_reference()
    {
        var rng = new Random(7);
        var p = Enumerable.Range(0, 60).Select(_ => Math.Pow(rng.NextDouble(), 3)).ToArray();
        var q = BenjaminiHochberg.Adjust(p);
        var m = p.Length;
        for (var i = 0; i < m; i++)
        {
            // q_i = min over all j with p_j ≥ p_i of min(1, m p_j / rank_j), rank_j = #{k : p_k ≤ p_j}.
            var best = 1.0;
            for (var j = 0; j < m; j++)
            {
                if (p[j] >= p[i])
                {
                    var rank = p.Count(v => v <= p[j]);
                    best = Math.Min(best, Math.Min(1.0, m * p[j] / rank));
                }
            }

            Assert.Equal(best, q[i], 1e-12);
        }
    }
}
