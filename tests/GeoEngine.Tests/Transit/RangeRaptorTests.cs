using CohesionGeo.GeoEngine.Transit;
using static CohesionGeo.GeoEngine.Tests.Transit.TinyFeed;

namespace CohesionGeo.GeoEngine.Tests.Transit;

/// <summary>Range RAPTOR on SYNTHETIC hand-made feeds whose answers are known by construction.</summary>
public class RangeRaptorTests
{
    private const int None = TravelTimeSamples.Unreachable;

    [Fact]
    public void Transfer_by_walking_between_two_routes_gives_the_second_arrival_minus_departure()
    {
        // T1 S1 08:10 -> S2 08:30; walk S2 -> S2b (~180 m, ~140 s) + 60 s slack; T2 S2b 08:35 -> S3 08:50.
        var feed = Read(Files(
            "R1,WD,T1\nR2,WD,T2\n",
            "T1,08:10:00,08:10:00,S1,1\nT1,08:30:00,08:30:00,S2,2\nT2,08:35:00,08:35:00,S2b,1\nT2,08:50:00,08:50:00,S3,2\n"));
        var router = Router(feed, Tuesday);

        var times = Minutes(router, S1, S3, T(8, 5), 1);

        Assert.Equal(T(8, 50) - T(8, 5), times[0]);
    }

    [Fact]
    public void A_connection_too_tight_for_walk_and_slack_is_missed_and_the_next_trip_is_taken()
    {
        // T2 leaves S2b at 08:32, before the walk (~140 s) + 60 s slack from the 08:30 arrival: missed. T3 at 09:00 is taken.
        var feed = Read(Files(
            "R1,WD,T1\nR2,WD,T2\nR2,WD,T3\n",
            "T1,08:10:00,08:10:00,S1,1\nT1,08:30:00,08:30:00,S2,2\n"
            + "T2,08:32:00,08:32:00,S2b,1\nT2,08:47:00,08:47:00,S3,2\n"
            + "T3,09:00:00,09:00:00,S2b,1\nT3,09:15:00,09:15:00,S3,2\n"));
        var router = Router(feed, Tuesday);

        Assert.Equal(T(9, 15) - T(8, 5), Minutes(router, S1, S3, T(8, 5), 1)[0]);

        // The same trips at one stop (no walk, 60 s board slack) connect: the walk is what made it too tight.
        var sameStop = Read(Files(
            "R1,WD,T1\nR2,WD,T2\nR2,WD,T3\n",
            "T1,08:10:00,08:10:00,S1,1\nT1,08:30:00,08:30:00,S2,2\n"
            + "T2,08:32:00,08:32:00,S2,1\nT2,08:47:00,08:47:00,S3,2\n"
            + "T3,09:00:00,09:00:00,S2,1\nT3,09:15:00,09:15:00,S3,2\n"));
        Assert.Equal(T(8, 47) - T(8, 5), Minutes(Router(sameStop, Tuesday), S1, S3, T(8, 5), 1)[0]);
    }

    [Fact]
    public void A_calendar_exception_removes_the_fast_trip_on_that_date_only()
    {
        var files = Files(
            "R1,WD,SLOW\nR3,FAST,QUICK\n",
            "SLOW,08:30:00,08:30:00,S1,1\nSLOW,09:30:00,09:30:00,S3,2\nQUICK,08:20:00,08:20:00,S1,1\nQUICK,08:40:00,08:40:00,S3,2\n");
        files["calendar.txt"] = Calendar + "FAST,1,1,1,1,1,0,0,20240101,20241231\n";
        files["calendar_dates.txt"] = "service_id,date,exception_type\nFAST,20240305,2\n";
        var feed = Read(files);

        Assert.Equal(T(9, 30) - T(8, 0), Minutes(Router(feed, Tuesday), S1, S3, T(8, 0), 1)[0]);
        Assert.Equal(T(8, 40) - T(8, 0), Minutes(Router(feed, Tuesday.AddDays(7)), S1, S3, T(8, 0), 1)[0]);
    }

    [Fact]
    public void An_added_date_runs_a_service_outside_its_weekly_pattern()
    {
        var files = Files("R1,SAT,X\n", "X,08:30:00,08:30:00,S1,1\nX,09:00:00,09:00:00,S3,2\n");
        files["calendar.txt"] = Calendar;
        files["calendar_dates.txt"] = "service_id,date,exception_type\nSAT,20240309,1\n";
        var feed = Read(files);

        Assert.Equal(T(9, 0) - T(8, 0), Minutes(Router(feed, new DateOnly(2024, 3, 9)), S1, S3, T(8, 0), 1)[0]);
    }

    [Fact]
    public void A_frequency_based_route_waits_for_the_next_departure_every_minute()
    {
        // Template S1 -> S3 in 20 min, every 10 min from 07:00 to 09:00.
        var files = Files("R1,WD,F\n", "F,00:00:00,00:00:00,S1,1\nF,00:20:00,00:20:00,S3,2\n");
        files["frequencies.txt"] = "trip_id,start_time,end_time,headway_secs\nF,07:00:00,09:00:00,600\n";
        var router = Router(Read(files), Tuesday);

        var times = Minutes(router, S1, S3, T(8, 0), 12);

        for (var m = 0; m < 12; m++)
        {
            // 60 s board slack: leaving at 08:00 misses the 08:00 bus.
            var wait = 10 - (m % 10);
            Assert.Equal((wait + 20) * 60, times[m]);
        }

        // The last departure is at 08:50 (09:00 is excluded), so leaving at 08:55 there is nothing.
        Assert.Equal(None, Minutes(router, S1, S3, T(8, 55), 1)[0]);
        Assert.Equal(T(8, 50) + (20 * 60) - T(8, 49), Minutes(router, S1, S3, T(8, 49), 1)[0]);
    }

    [Fact]
    public void An_overnight_trip_past_24_00_serves_its_own_evening_and_the_next_morning()
    {
        // Monday-to-Friday trip leaving S1 23:50, S2 24:20, S3 24:40.
        var feed = Read(Files("R1,WD,N\n", "N,23:50:00,23:50:00,S1,1\nN,24:20:00,24:20:00,S2,2\nN,24:40:00,24:40:00,S3,3\n"));

        // Tuesday evening: leave S1 at 23:45, arrive S3 at 24:40.
        Assert.Equal(T(24, 40) - T(23, 45), Minutes(Router(feed, Tuesday), S1, S3, T(23, 45), 1)[0]);

        // Saturday just after midnight: Friday's trip is still running (S2 00:20 -> S3 00:40).
        var saturday = new DateOnly(2024, 3, 9);
        Assert.Equal(T(0, 40) - T(0, 10), Minutes(Router(feed, saturday), S2, S3, T(0, 10), 1)[0]);

        // Monday just after midnight: Sunday has no service, so the next ride is Monday's own trip (S2 at 24:20).
        Assert.Equal(T(24, 40) - T(0, 10), Minutes(Router(feed, new DateOnly(2024, 3, 11)), S2, S3, T(0, 10), 1)[0]);
    }

    [Fact]
    public void Walking_alone_counts_when_it_is_faster()
    {
        // S2 -> S2b by bus takes 30 min; walking takes about 2 minutes.
        var feed = Read(Files("R1,WD,W\n", "W,08:10:00,08:10:00,S2,1\nW,08:40:00,08:40:00,S2b,2\n"));
        var router = Router(feed, Tuesday);

        var walk = ((StraightLineWalkLegs)router.WalkLegs).DirectSeconds(S2, S2b, WalkSettings.Default);

        Assert.NotNull(walk);
        Assert.Equal(walk.Value, Minutes(router, S2, S2b, T(8, 5), 1)[0]);
    }

    [Fact]
    public void No_pickup_and_no_drop_off_are_respected()
    {
        var files = Files("R1,WD,P\n", "");
        files["stop_times.txt"] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type\n"
            + "P,08:10:00,08:10:00,S1,1,0,1\nP,08:20:00,08:20:00,S2,2,1,1\nP,08:40:00,08:40:00,S3,3,1,0\n";
        var router = Router(Read(files), Tuesday);

        Assert.Equal(T(8, 40) - T(8, 0), Minutes(router, S1, S3, T(8, 0), 1)[0]);
        Assert.Equal(None, Minutes(router, S1, S2, T(8, 0), 1)[0]);
        Assert.Equal(None, Minutes(router, S2, S3, T(8, 0), 1)[0]);
    }

    [Fact]
    public void A_date_without_service_names_the_dates_that_have_it()
    {
        var feed = Read(Files("R1,WD,T1\n", "T1,08:10:00,08:10:00,S1,1\nT1,08:30:00,08:30:00,S2,2\n"));

        var ex = Assert.Throws<NoServiceException>(() => TimetableBuilder.Build([feed], new DateOnly(2025, 3, 4)));

        Assert.Contains("2025-03-04", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2024-01-01 to 2024-01-05", ex.Message, StringComparison.Ordinal);
        Assert.Equal(262, ex.DatesWithService.Count); // weekdays of 2024
    }

    [Fact]
    public void Range_search_equals_independent_single_departure_searches()
    {
        var files = Files(
            "R1,WD,T1\nR1,WD,T4\nR2,WD,T2\nR2,WD,T3\n",
            "T1,08:10:00,08:10:00,S1,1\nT1,08:30:00,08:30:00,S2,2\nT4,08:40:00,08:40:00,S1,1\nT4,09:00:00,09:00:00,S2,2\n"
            + "T2,08:35:00,08:35:00,S2b,1\nT2,08:50:00,08:50:00,S3,2\nT3,09:05:00,09:05:00,S2b,1\nT3,09:20:00,09:20:00,S3,2\n");
        var router = Router(Read(files), Tuesday);
        var range = Minutes(router, S1, S3, T(8, 0), 60);

        for (var m = 0; m < 60; m++)
        {
            var single = Minutes(router, S1, S3, T(8, m), 1)[0];
            Assert.Equal(single, range[m]);
        }
    }
}
