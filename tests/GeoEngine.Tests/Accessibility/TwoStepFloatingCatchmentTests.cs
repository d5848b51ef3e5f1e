using CohesionGeo.GeoEngine.Accessibility;

namespace CohesionGeo.GeoEngine.Tests.Accessibility;

public sealed class TwoStepFloatingCatchmentTests
{
    [Fact]
    public void Ratios_and_scores_match_a_hand_worked_example()
    {
        // Synthetic: three dwellings (demand 1 each), GP0 capacity 10 reaches dwellings 0 and 1,
        // GP1 capacity 6 reaches dwellings 1 and 2, GP2 (capacity unknown) reaches dwelling 2.
        // Step 1: R0 = 10 / 2 = 5, R1 = 6 / 2 = 3, R2 unknown. Step 2: A0 = 5, A1 = 5 + 3 = 8, A2 = 3.
        double[] demand = [1, 1, 1];
        double?[] supply = [10, 6, null];
        (int, int, float)[] pairs = [(0, 0, 300), (1, 0, 600), (1, 1, 200), (2, 1, 900), (2, 2, 100)];

        var (ratio, score) = TwoStepFloatingCatchment.Compute(demand, supply, pairs);

        Assert.Equal(5, ratio[0]!.Value, 9);
        Assert.Equal(3, ratio[1]!.Value, 9);
        Assert.Null(ratio[2]);
        Assert.Equal([5.0, 8.0, 3.0], score);
    }

    [Fact]
    public void Weighted_demand_divides_supply_by_the_demand_in_reach()
    {
        // Synthetic: one GP of capacity 12, origins of demand 1 and 3 both in reach: R = 12 / 4 = 3; each origin scores 3.
        var (ratio, score) = TwoStepFloatingCatchment.Compute([1.0, 3.0], [12.0], [(0, 0, 10f), (1, 0, 10f)]);
        Assert.Equal(3, ratio[0]!.Value, 9);
        Assert.Equal([3.0, 3.0], score);
    }
}
