using CohesionGeo.GeoEngine.Assessment;
using CohesionGeo.GeoEngine.Risk;

namespace CohesionGeo.GeoEngine.Tests.Assessment;

public class IsolatedCommunitiesTests
{
    [Fact]
    public void Isolated_share_tension_rising_and_asb_trend_are_joined_per_area()
    {
        var asOf = new DateOnly(2023, 6, 30);
        (int, string, string?, double)[] ranked = [(1, "A", "Area A", 0.9), (2, "B", "Area B", 0.7), (3, "C", null, 0.5), (4, "D", null, 0.1)];
        (string, DateOnly, int, string)[] reports =
        [
            ("A", asOf.AddDays(-60), 3, "evidenced"), // before the 28-day mark
            ("A", asOf.AddDays(-3), 5, "evidenced"),  // recent: A rises
            ("B", asOf.AddDays(-40), 4, "potential"), // only old: B decays, not rising
            ("D", asOf.AddDays(-1), 6, "evidenced"),  // rising but not isolated (rank 4 of 4, share 0.5 → ranks 1-2)
        ];
        var asb = new Dictionary<string, long[]>
        {
            ["A"] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3],
            ["B"] = [2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1],
        };

        var joined = IsolatedCommunities.Join(ranked, 0.5, reports, asOf, 28, asb).ToDictionary(c => c.Code);

        Assert.True(joined["A"].Isolated && joined["B"].Isolated);
        Assert.False(joined["C"].Isolated || joined["D"].Isolated);
        Assert.True(joined["A"].TensionRising);
        Assert.False(joined["B"].TensionRising);
        Assert.True(joined["D"].TensionRising);
        Assert.False(joined["C"].TensionRising);
        Assert.Equal(TensionIndex.Of([60.0, 3.0], [3, 5], [1.0, 1.0]), joined["A"].TensionIndex, 12);
        Assert.Equal(TensionIndex.Of([32.0], [3], [1.0]), joined["A"].TensionIndexBefore, 12);
        Assert.Equal(3.0, joined["A"].AsbTrend!.Ratio!.Value, 12);
        Assert.True(joined["A"].AsbRising);
        Assert.False(joined["B"].AsbRising);
        Assert.Null(joined["C"].AsbTrend);
        Assert.Equal(18, joined["A"].AsbCount);
    }
}
