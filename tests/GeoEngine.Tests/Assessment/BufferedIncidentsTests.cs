using CohesionGeo.GeoEngine.Assessment;

namespace CohesionGeo.GeoEngine.Tests.Assessment;

public class BufferedIncidentsTests
{
    [Fact]
    public void Rows_count_in_every_buffer_they_are_within_per_category_and_month()
    {
        // Hand-built groups: (category, month index, distance m, rows).
        string[] categories = ["Burglary", "Anti-social behaviour", "Burglary", "Vehicle crime", "Burglary", "Anti-social behaviour"];
        int[] months = [0, 11, 11, 5, 3, 12];
        double[] distances = [0, 100, 100.5, 250, 499, 10];
        long[] counts = [2, 3, 1, 4, 5, 7]; // the last group is outside the 12 months and ignored

        var buffers = BufferedIncidents.Summarise(categories, months, distances, counts, [100, 250, 500], 12);

        Assert.Equal([100, 250, 500], buffers.Select(b => b.DistanceMetres));
        Assert.Equal(5, buffers[0].Total);     // 2 inside + 3 at exactly 100 m
        Assert.Equal(10, buffers[1].Total);    // + 1 at 100.5 m + 4 at 250 m
        Assert.Equal(15, buffers[2].Total);    // + 5 at 499 m
        Assert.Equal([new CategoryCount("Burglary", 8), new CategoryCount("Vehicle crime", 4), new CategoryCount("Anti-social behaviour", 3)], buffers[2].ByCategory);
        Assert.Equal(buffers[2].Total, buffers[2].Monthly.Sum());
        Assert.Equal(4, buffers[2].Monthly[11]);
        Assert.Equal(5, buffers[2].Monthly[3]);

        // Trend of the 500 m buffer: last 3 months hold 4 rows, the 9 before hold 11.
        var trend = buffers[2].Trend!;
        Assert.Equal(4, trend.Recent);
        Assert.Equal(11, trend.Baseline);
        Assert.Equal((4 / 3.0) / (11 / 9.0), trend.Ratio!.Value, 12);
    }

    [Fact]
    public void A_period_other_than_twelve_months_has_no_trend_and_nothing_nearby_gives_zeros()
    {
        var buffers = BufferedIncidents.Summarise([], [], [], [], [100, 250], 6);
        Assert.All(buffers, b =>
        {
            Assert.Equal(0, b.Total);
            Assert.Empty(b.ByCategory);
            Assert.Equal(6, b.Monthly.Length);
            Assert.Null(b.Trend);
        });
    }
}
