using CohesionGeo.GeoEngine.Transit;

namespace CohesionGeo.GeoEngine.Tests.Transit;

/// <summary>
/// A kept stop arrival profile (the Range RAPTOR search before the egress walk) on the real Newport bus + rail feeds:
/// with any destinations added afterwards it gives every sample the full search gives (oracle: <see cref="TransitRouter.Samples(IReadOnlyList{LonLat}, IReadOnlyList{LonLat}, TransitWindow, int)"/>).
/// </summary>
public class StopArrivalProfileTests(NewportFeeds feeds) : IClassFixture<NewportFeeds>
{
    [Fact]
    public void Profile_samples_equal_the_full_search_for_every_minute_and_destination_in_both_windows()
    {
        var origins = new[] { new LonLat(-2.9977, 51.5886), new LonLat(-2.9610, 51.5960), new LonLat(-3.0200, 51.5700) }; // centre, Maindee, west
        var stopsAsDestinations = feeds.Timetable.StopPositions.Where((p, i) => i % 53 == 0 && !double.IsNaN(p.Lat)).Take(60);
        var destinations = stopsAsDestinations.Concat([new LonLat(-2.9850, 51.5820), new LonLat(-2.9905, 51.5930), origins[0]]).ToArray();
        foreach (var window in new[] { TransitWindow.Evening, TransitWindow.Morning, new TransitWindow(17 * 3600, 45, new WalkSettings(MaxWalkM: 800)) })
        {
            var expected = feeds.Router.Samples(origins, destinations, window);
            var profiles = feeds.Router.Profiles(origins, window);
            var actual = feeds.Router.SamplesFrom(profiles, destinations);
            var reached = 0;
            for (var o = 0; o < origins.Length; o++)
            {
                Assert.Equal(expected[o].DepartureSeconds, actual[o].DepartureSeconds);
                Assert.Equal(expected[o].TargetCount, actual[o].TargetCount);
                Assert.Equal(expected[o].Seconds, actual[o].Seconds);
                reached += expected[o].Seconds.Count(v => v != TravelTimeSamples.Unreachable);

                // Smaller than the dense table (stops x minutes) it stands for.
                Assert.True(profiles[o].Count < feeds.Timetable.StopCount * window.Minutes);
            }

            Assert.True(reached > destinations.Length, $"almost nothing is reachable in the window from {window.FromSeconds}: the comparison is empty");
        }
    }

    [Fact]
    public void Arrivals_only_improve_as_the_departure_gets_earlier()
    {
        var profile = feeds.Router.Profiles([new LonLat(-2.9977, 51.5886)], TransitWindow.Evening)[0];
        var best = new int[profile.StopCount];
        Array.Fill(best, int.MaxValue);
        for (var i = profile.DepartureSeconds.Length - 1; i >= 0; i--)
        {
            for (var c = profile.MinuteOffsets[i]; c < profile.MinuteOffsets[i + 1]; c++)
            {
                Assert.True(profile.Arrivals[c] < best[profile.Stops[c]]);
                Assert.True(profile.Arrivals[c] >= profile.DepartureSeconds[i]);
                best[profile.Stops[c]] = profile.Arrivals[c];
            }
        }
    }
}
