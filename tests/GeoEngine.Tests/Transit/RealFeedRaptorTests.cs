using CohesionGeo.GeoEngine.Transit;

namespace CohesionGeo.GeoEngine.Tests.Transit;

/// <summary>Range RAPTOR on the real Newport bus + rail feeds (5 March 2024) against independent oracles.</summary>
public class RealFeedRaptorTests(NewportFeeds feeds) : IClassFixture<NewportFeeds>
{
    private const int Unreachable = TravelTimeSamples.Unreachable;

    private StraightLineWalkLegs Walk => (StraightLineWalkLegs)feeds.Router.WalkLegs;

    [Fact]
    public void A_ride_between_two_stops_of_one_trip_is_the_timetable_difference_plus_the_walks()
    {
        // A bus trip running on the date, leaving its first stop between 08:00 and 10:00, with at least 6 stops.
        var calendar = new ServiceCalendar(feeds.Bus);
        var active = calendar.ActiveOn(NewportFeeds.Date);
        var stopsById = feeds.Bus.Stops.ToDictionary(s => s.StopId);
        var trip = feeds.Bus.StopTimes.GroupBy(st => st.TripId)
            .Select(g => g.ToList())
            .First(g => g.Count >= 6 && g[0].DepartureSeconds is >= 8 * 3600 and < 10 * 3600
                && active.Contains(feeds.Bus.Trips.First(t => t.TripId == g[0].TripId).ServiceId));
        var board = trip[1];
        var alight = trip[5];

        // Origin and destination 50 m south of the two stops; walks only to stops within 120 m.
        var walk = new WalkSettings(MaxWalkM: 120, MaxTransferM: 0, MaxDirectWalkM: 0);
        var origin = Offset(stopsById[board.StopId]);
        var destination = Offset(stopsById[alight.StopId]);
        var access = Walk.StopsNear(origin, walk);
        var egress = Walk.StopsNear(destination, walk);
        var boardIndex = feeds.Timetable.FindStop(feeds.Bus.Name, board.StopId);
        var alightIndex = feeds.Timetable.FindStop(feeds.Bus.Name, alight.StopId);
        var accessWalk = access.Single(l => l.Stop == boardIndex).Seconds;
        var egressWalk = egress.Single(l => l.Stop == alightIndex).Seconds;
        var slack = feeds.Router.BoardSlackSeconds;
        var departure = (board.DepartureSeconds - accessWalk - slack) / 60 * 60;

        var search = new RangeRaptor(feeds.Timetable, new StopTransfers(feeds.Timetable.StopCount, []), maxRides: 1);
        var result = search.Run(access, new EgressTargets([egress]), null, departure, departure + 60).At(0, 0);

        // This trip's ride: wait + walk + timetable difference + walk.
        var viaTrip = alight.ArrivalSeconds + egressWalk - departure;
        Assert.True(result <= viaTrip, $"RAPTOR {result} s is slower than the trip itself {viaTrip} s");
        Assert.Equal(BruteForceOneRide(access, egress, departure), result);
        if (BruteForceOneRide(access, egress, departure) == viaTrip)
        {
            Assert.Equal(board.DepartureSeconds - departure + (alight.ArrivalSeconds - board.DepartureSeconds) + egressWalk, result);
        }
    }

    [Fact]
    public void Percentiles_are_monotone_for_every_destination()
    {
        var origins = new[] { new LonLat(-2.9977, 51.5886), new LonLat(-2.9610, 51.5960) }; // Newport centre, Maindee
        var destinations = feeds.Timetable.StopPositions.Where((p, i) => i % 97 == 0 && !double.IsNaN(p.Lat)).Take(40).ToArray();

        var samples = feeds.Router.Samples(origins, destinations, TransitWindow.Morning);

        foreach (var s in samples)
        {
            Assert.Equal(120, s.DepartureSeconds.Length);
            for (var j = 0; j < s.TargetCount; j++)
            {
                var p = s.Percentiles(j, TravelTimeSamples.StandardPercentiles);
                for (var k = 1; k < p.Length; k++)
                {
                    var lower = p[k - 1] ?? Unreachable;
                    var upper = p[k] ?? Unreachable;
                    Assert.True(lower <= upper, $"target {j}: p{TravelTimeSamples.StandardPercentiles[k - 1]}={lower} > p{TravelTimeSamples.StandardPercentiles[k]}={upper}");
                }
            }
        }

        // Transit reaches somewhere walking cannot: the centre reaches at least one destination > 5 km away.
        Assert.Contains(Enumerable.Range(0, destinations.Length), j => samples[0].Percentile(j, 50) is not null
            && origins[0].DistanceM(destinations[j]) * 1.3 > WalkSettings.Default.MaxDirectWalkM);
    }

    [Fact]
    public void A_window_with_no_service_gives_walking_times()
    {
        // Oracle: a 30-minute night window in which no vehicle leaves any stop within walking reach of the
        // origin before the walk alone would have arrived (scanned from the timetable's departure arrays).
        var tt = feeds.Timetable;
        var walk = new WalkSettings(MaxWalkM: 600);
        var candidates = new[] { new LonLat(-2.9610, 51.5960), new LonLat(-3.0300, 51.5700), new LonLat(-2.9350, 51.6050), new LonLat(-2.9977, 51.5886) };
        var found = candidates.SelectMany(o => Enumerable.Range(0, 12).Select(h => (Origin: o, From: h * 1800)))
            .First(c => NoDepartureNear(c.Origin, c.From, walk));
        var origin = found.Origin;
        var destinations = new[] { Move(origin, 300, 200), Move(origin, -900, 400), Move(origin, 1200, -1500) };
        var window = new TransitWindow(found.From, 30, walk);

        var samples = feeds.Router.Samples([origin], destinations, window)[0];

        for (var j = 0; j < destinations.Length; j++)
        {
            var alone = Walk.DirectSeconds(origin, destinations[j], walk);
            Assert.NotNull(alone);
            for (var i = 0; i < 30; i++)
            {
                Assert.Equal(alone.Value, samples.At(i, j));
            }
        }
    }

    [Fact]
    public void Every_departure_minute_of_the_range_equals_the_best_of_single_searches_leaving_then_or_later()
    {
        // Oracle: a fresh one-departure RAPTOR per minute; leaving at d one may also wait and leave at any later minute.
        var origin = new LonLat(-2.9977, 51.5886);
        var targets = EgressTargets.AllStops(feeds.Timetable);
        var access = Walk.StopsNear(origin, WalkSettings.Default);
        const int from = 8 * 3600, minutes = 40;
        var range = feeds.Router.CreateSearch(WalkSettings.Default).Run(access, targets, null, from, from + (minutes * 60));
        var bestLater = new int[feeds.Timetable.StopCount];
        Array.Fill(bestLater, Unreachable);

        for (var minute = minutes - 1; minute >= 0; minute--)
        {
            var d = from + (minute * 60);
            var single = feeds.Router.CreateSearch(WalkSettings.Default).EarliestArrivals(access, d);
            for (var s = 0; s < bestLater.Length; s++)
            {
                bestLater[s] = Math.Min(bestLater[s], single[s]);
                var expected = bestLater[s] == Unreachable ? Unreachable : bestLater[s] - d;
                Assert.Equal(expected, range.At(minute, s));
            }
        }
    }

    /// <summary>True when no vehicle leaves a stop within walking reach of the origin in [from, from + 30 min + 45 min).</summary>
    private bool NoDepartureNear(LonLat origin, int from, WalkSettings walk)
    {
        var tt = feeds.Timetable;
        var reach = Walk.StopsNear(origin, walk).Select(l => l.Stop).ToHashSet();
        for (var r = 0; r < tt.PatternStops.Length; r++)
        {
            if (!reach.Contains(tt.PatternStops[r]))
            {
                continue;
            }

            var p = tt.PatternOfStopRef[r];
            var i = r - tt.PatternStopOffsets[p];
            for (var trip = tt.PatternTripOffsets[p]; trip < tt.PatternTripOffsets[p + 1]; trip++)
            {
                var d = tt.Departures[tt.TripTimeOffsets[trip] + i];
                if (d >= from && d < from + (75 * 60))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>A point moved east and north by metres (small distances).</summary>
    private static LonLat Move(LonLat p, double eastM, double northM) =>
        new(p.Lon + (eastM / (111_320 * Math.Cos(double.DegreesToRadians(p.Lat)))), p.Lat + (northM / 110_574));

    private static LonLat Offset(GtfsStop stop) => new(stop.Lon, stop.Lat - 0.00045);

    /// <summary>Oracle: best single ride by scanning every trip of the day (no RAPTOR structures).</summary>
    private int BruteForceOneRide(IReadOnlyList<StopLeg> access, IReadOnlyList<StopLeg> egress, int departure)
    {
        var tt = feeds.Timetable;
        var best = int.MaxValue;
        for (var p = 0; p < tt.PatternCount; p++)
        {
            var stops = tt.PatternStops[tt.PatternStopOffsets[p]..tt.PatternStopOffsets[p + 1]];
            var flags = tt.PatternStopFlags.AsSpan(tt.PatternStopOffsets[p], stops.Length);
            for (var t = tt.PatternTripOffsets[p]; t < tt.PatternTripOffsets[p + 1]; t++)
            {
                for (var i = 0; i < stops.Length; i++)
                {
                    var here = stops[i];
                    var a = access.FirstOrDefault(l => l.Stop == here, new StopLeg(-1, 0));
                    if (a.Stop < 0 || (flags[i] & Timetable.CanBoard) == 0 || tt.Departures[tt.TripTimeOffsets[t] + i] < departure + a.Seconds + feeds.Router.BoardSlackSeconds)
                    {
                        continue;
                    }

                    for (var j = i + 1; j < stops.Length; j++)
                    {
                        var there = stops[j];
                        var e = egress.FirstOrDefault(l => l.Stop == there, new StopLeg(-1, 0));
                        if (e.Stop >= 0 && (flags[j] & Timetable.CanAlight) != 0)
                        {
                            best = Math.Min(best, tt.Arrivals[tt.TripTimeOffsets[t] + j] + e.Seconds - departure);
                        }
                    }
                }
            }
        }

        return best;
    }
}
