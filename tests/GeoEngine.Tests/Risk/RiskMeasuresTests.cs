using CohesionGeo.GeoEngine.Risk;

namespace CohesionGeo.GeoEngine.Tests.Risk;

public class RiskMeasuresTests
{
    [Fact]
    public void Normal_tails_match_published_values()
    {
        Assert.Equal(0.157299207050285130659, NormalDistribution.Erfc(1.0), 1e-14);
        Assert.Equal(2.20904969985854413727e-5, NormalDistribution.Erfc(3.0), 1e-17);
        Assert.Equal(1.84270079294971486934, NormalDistribution.Erfc(-1.0), 1e-14);
        Assert.Equal(0.975, NormalDistribution.Cdf(1.959963984540054), 1e-12);
        Assert.Equal(0.01, NormalDistribution.TwoSidedP(-2.5758293035489004), 1e-12);
        Assert.Equal(1.0, NormalDistribution.TwoSidedP(0), 1e-15);
    }

    [Fact]
    public void Hotspot_classes_follow_the_adjusted_p()
    {
        Assert.Equal(3, HotspotClass.Of(4, 0.001));
        Assert.Equal(2, HotspotClass.Of(2.5, 0.03));
        Assert.Equal(-1, HotspotClass.Of(-1.8, 0.08));
        Assert.Equal(0, HotspotClass.Of(1.7, 0.2));
        Assert.Equal("cold_90", HotspotClass.Name(-1));
    }

    [Fact]
    public void Kernel_density_peaks_at_the_point_and_integrates_to_one()
    {
        const double h = 200, cell = 5;
        // Point at the centre of cell (100, 100) of a 200 × 200 grid.
        var grid = KernelDensity.Surface([1002.5], [2002.5], h, 500, 1500, cell, 200, 200);
        Assert.Equal(3.0 / (Math.PI * h * h) * 1e6, grid[(100 * 200) + 100], 1e-9);
        Assert.Equal(1.0, grid.Sum() * cell * cell / 1e6, 1e-3);
        Assert.Equal(0.0, grid[0]);
    }

    [Fact]
    public void Tension_index_halves_every_half_life_and_ignores_later_reports()
    {
        var index = TensionIndex.Of([28.0, 0.0, -3.0], [4, 6, 6], [TensionIndex.TierWeight("evidenced"), TensionIndex.TierWeight("potential"), 1.0]);
        Assert.Equal((4 * 1.0 * 0.5) + (6 * 0.5 * 1.0), index, 1e-12);
        Assert.Equal(4 * 0.75 * 0.25, TensionIndex.Of([14.0], [4], [0.75], halfLifeDays: 7), 1e-12);
    }

    [Fact]
    public void Trend_compares_last_three_months_with_the_nine_before()
    {
        var t = Trend.Of([1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3]);
        Assert.Equal(3.0, t.Ratio);
        Assert.Equal(9, t.Recent);
        Assert.Null(Trend.Of([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]).Ratio);
    }

    [Fact]
    public void Counts_of_one_to_four_are_withheld()
    {
        Assert.Equal([0L, null, null, null, null, 5L], new long[] { 0, 1, 2, 3, 4, 5 }.Select(SmallNumbers.Shown));
        Assert.Equal(25.0, AreaRates.Per1000(40, 1600));
        Assert.Null(AreaRates.Per1000(40, 0));
    }
}
