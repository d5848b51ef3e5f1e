using CohesionGeo.GeoEngine.Transit;

namespace CohesionGeo.GeoEngine.Tests.Transit;

public class TravelTimeSamplesTests
{
    [Fact]
    public void Percentiles_use_the_nearest_rank_and_unreachable_minutes_sort_last()
    {
        var samples = new TravelTimeSamples([0, 60, 120, 180], 1, [400, 100, TravelTimeSamples.Unreachable, 200]);

        Assert.Equal(100, samples.Percentile(0, 5));
        Assert.Equal(100, samples.Percentile(0, 25));
        Assert.Equal(200, samples.Percentile(0, 50));
        Assert.Equal(400, samples.Percentile(0, 75));
        Assert.Null(samples.Percentile(0, 95));
    }

    [Fact]
    public void Way_home_flags_impossible_or_more_than_twice_the_outbound()
    {
        Assert.True(WayHome.Classify(600, null).Flagged);
        Assert.True(WayHome.Classify(600, 1201).Flagged);
        Assert.False(WayHome.Classify(600, 1200).Flagged);
        Assert.False(WayHome.Classify(null, 1200).Flagged);
    }
}
