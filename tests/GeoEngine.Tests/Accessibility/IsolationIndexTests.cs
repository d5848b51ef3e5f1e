using CohesionGeo.GeoEngine.Accessibility;

namespace CohesionGeo.GeoEngine.Tests.Accessibility;

public sealed class IsolationIndexTests
{
    [Fact]
    public void Index_and_ranking_are_worked_by_hand()
    {
        // Synthetic areas. X: GP 10 min walk, day centre 90 min (capped at 60), youth club unreachable.
        // Index X = 100 × (10/60 + 1 + 1) / 3 = 72.22. Y: every service 5 min → 100 × (5/60) = 8.33.
        var x = new IsolationArea("X", "Area X", "Urban city and town", 10, 40,
            [new("gp", 600, 0), new("day_centre", 5400, 1), new("youth_club", null, 1)]);
        var y = new IsolationArea("Y", "Area Y", "Rural village", 900, 20,
            [new("gp", 300, 0), new("day_centre", 300, 0), new("youth_club", 300, 0)]);

        var ranks = IsolationIndex.Rank([y, x]);

        Assert.Equal("X", ranks[0].Area.Code);
        Assert.Equal(1, ranks[0].Rank);
        Assert.Equal(72.22, ranks[0].Index, 2);
        Assert.Equal(8.33, ranks[1].Index, 2);
        Assert.Equal(10, ranks[0].Components[0].Minutes!.Value, 6);
        Assert.Null(ranks[0].Components[2].Minutes);
        Assert.Equal(1, ranks[0].Components[2].Score);
    }

    [Fact]
    public void Transit_is_used_when_it_is_quicker_than_walking()
    {
        var c = IsolationIndex.Component("gp", new IsolationServiceInput("gp", 2400, 0.9, 1200, 0.1));
        Assert.Equal("transit", c.Mode);
        Assert.Equal(20, c.Minutes!.Value, 6);
        Assert.Equal(20 / 60.0, c.Score, 6);
        Assert.Equal(0.1, c.ShareOver30, 6);
    }

    [Fact]
    public void A_service_without_figures_scores_as_unreachable()
    {
        var ranks = IsolationIndex.Rank([new IsolationArea("Z", null, null, null, 1, [])]);
        Assert.Equal(100, ranks[0].Index);
    }
}
