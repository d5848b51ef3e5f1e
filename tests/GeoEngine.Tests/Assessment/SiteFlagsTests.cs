using CohesionGeo.GeoEngine.Assessment;

namespace CohesionGeo.GeoEngine.Tests.Assessment;

public class SiteFlagsTests
{
    [Fact]
    public void Nearest_and_counts_ignore_unreachable_and_include_the_limits()
    {
        var reach = ServiceReach.Of([double.NaN, 1800, 900, 2400, double.PositiveInfinity, 899.9]);
        Assert.Equal(5, reach.NearestIndex);
        Assert.Equal(899.9, reach.NearestSeconds);
        Assert.Equal(2, reach.Within15Minutes); // 900 s is within 15 minutes
        Assert.Equal(3, reach.Within30Minutes);
        Assert.Equal(-1, ServiceReach.Of([double.NaN]).NearestIndex);
    }

    [Fact]
    public void Each_flag_follows_its_threshold_and_names_its_figure()
    {
        var thresholds = new SiteFlagThresholds(GpMinutes: 20, YouthClubMinutes: 25, AsbPercentile: 90, TensionLevel: 4, TensionDays: 28);
        var far = new SiteFlagInputs(31.5, 24.0, true, 40.2, null, 120.4, 80.0, "W01TEST", 5, new DateOnly(2023, 6, 1));
        var flags = SiteFlags.Evaluate(far, thresholds).ToDictionary(f => f.Id);
        Assert.Equal(["gp_far", "no_youth_club", "asb_high", "tension_high"], flags.Keys);
        Assert.Contains("31.5 min on foot", flags["gp_far"].Why, StringComparison.Ordinal);
        Assert.Contains("24.0 min", flags["gp_far"].Why, StringComparison.Ordinal);
        Assert.Contains("threshold 20 min", flags["gp_far"].Why, StringComparison.Ordinal);
        Assert.Contains("40.2 min on foot", flags["no_youth_club"].Why, StringComparison.Ordinal);
        Assert.Contains("unreachable by public transport", flags["no_youth_club"].Why, StringComparison.Ordinal);
        Assert.Contains("120.4 per km²", flags["asb_high"].Why, StringComparison.Ordinal);
        Assert.Contains("(80 per km²)", flags["asb_high"].Why, StringComparison.Ordinal);
        Assert.Contains("tension level 5 reported on 2023-06-01 in W01TEST", flags["tension_high"].Why, StringComparison.Ordinal);

        // Just inside every threshold: nothing is raised. A GP reachable by bus within the limit is enough.
        var near = new SiteFlagInputs(45, 20.0, true, 25.0, null, 80.0, 80.0, "W01TEST", 3, new DateOnly(2023, 6, 1));
        Assert.Empty(SiteFlags.Evaluate(near, thresholds));

        // Without transit, walking alone decides and the why says public transport was not computed.
        var noTransit = new SiteFlagInputs(21, null, false, 10, null, null, null, null, null, null);
        var gp = Assert.Single(SiteFlags.Evaluate(noTransit, thresholds));
        Assert.Contains("public transport not computed", gp.Why, StringComparison.Ordinal);
    }
}
