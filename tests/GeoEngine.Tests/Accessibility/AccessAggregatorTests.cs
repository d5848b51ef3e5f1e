using CohesionGeo.GeoEngine.Accessibility;

namespace CohesionGeo.GeoEngine.Tests.Accessibility;

public sealed class AccessAggregatorTests
{
    [Fact]
    public void Summary_of_odd_count_with_an_unreachable_dwelling_is_worked_by_hand()
    {
        float[] t = [1000, 60, float.PositiveInfinity, 2000, 120];
        var s = AccessAggregator.Summarise(t);

        Assert.Equal(5, s.Dwellings);
        Assert.Equal(4, s.Reachable);
        Assert.Equal((60 + 120 + 1000 + 2000) / 4.0, s.Mean!.Value, 6);  // 795: reachable only
        Assert.Equal(1000, s.Median!.Value, 6);                          // sorted 60,120,1000,2000,∞
        Assert.Null(s.P90);                                              // rank ⌈4.5⌉ = 5 → ∞
        Assert.Equal(3 / 5.0, s.ShareOver15, 6);                         // 1000, 2000, ∞ > 900
        Assert.Equal(2 / 5.0, s.ShareOver30, 6);                         // 2000, ∞ > 1800
    }

    [Fact]
    public void Median_of_even_count_is_the_mean_of_the_middle_two()
    {
        float[] t = [300, 100];
        var s = AccessAggregator.Summarise(t);
        Assert.Equal(200, s.Median!.Value, 6);
        Assert.Equal(300, s.P90!.Value, 6); // rank ⌈1.8⌉ = 2
        Assert.Equal(0, s.ShareOver15);
    }

    [Fact]
    public void Groups_by_area_and_leaves_empty_areas_null()
    {
        float[] t = [100, 200, 300, 4000];
        int[] area = [1, 1, -1, 0];
        var s = AccessAggregator.ByArea(t, area, 3);
        Assert.Equal(1, s[0]!.Dwellings);
        Assert.Equal(1.0, s[0]!.ShareOver30);
        Assert.Equal(150, s[1]!.Mean!.Value, 6);
        Assert.Null(s[2]);
    }
}
