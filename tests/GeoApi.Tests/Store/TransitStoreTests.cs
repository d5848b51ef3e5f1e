using System.IO.Compression;
using CohesionGeo.GeoApi.Transit;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.GeoEngine.Transit;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Store;

/// <summary>transit.* on a real PostGIS: whole-or-nothing imports, replacement, idempotence, round trip.</summary>
public class TransitStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static string WriteFeed(string name, int trips) => Tests.Transit.SyntheticGtfs.Write(name, trips);

    private async Task<(long Feeds, long Trips, long StopTimes)> CountsAsync(string feed) => (
        await db.ScalarAsync<long>($"SELECT count(*) FROM transit.feeds WHERE name = '{feed}'"),
        await db.ScalarAsync<long>($"SELECT count(*) FROM transit.trips t JOIN transit.feeds f ON f.id = t.feed_id WHERE f.name = '{feed}'"),
        await db.ScalarAsync<long>($"SELECT count(*) FROM transit.stop_times t JOIN transit.feeds f ON f.id = t.feed_id WHERE f.name = '{feed}'"));

    [Fact]
    public async Task Importing_the_same_file_twice_adds_nothing_and_a_new_version_replaces_the_old()
    {
        var v1 = WriteFeed("synthetic-a", 3);
        Assert.Equal(TransitImportOutcome.Added, (await GtfsFileImport.ImportAsync(db.DataSource, v1, true, null, default)).Outcome);
        Assert.Equal(TransitImportOutcome.Unchanged, (await GtfsFileImport.ImportAsync(db.DataSource, v1, true, null, default)).Outcome);
        Assert.Equal((1L, 3L, 6L), await CountsAsync("synthetic-a"));

        var v2 = WriteFeed("synthetic-a", 5);
        Assert.Equal(TransitImportOutcome.Replaced, (await GtfsFileImport.ImportAsync(db.DataSource, v2, true, null, default)).Outcome);
        Assert.Equal((1L, 5L, 10L), await CountsAsync("synthetic-a"));
        Assert.NotNull(await db.ScalarAsync<object>(
            "SELECT geom FROM transit.stops s JOIN transit.feeds f ON f.id = s.feed_id WHERE f.name = 'synthetic-a' AND stop_id = 'S1' AND ST_SRID(geom) = 27700"));
    }

    [Fact]
    public async Task A_feed_failing_half_way_through_writing_leaves_the_previous_version_whole()
    {
        var v1 = WriteFeed("synthetic-b", 2);
        await GtfsFileImport.ImportAsync(db.DataSource, v1, true, null, default);
        var good = GtfsReader.Read(WriteFeed("synthetic-b", 4), "synthetic-b");

        // Stop times are written after stops, routes and trips: a duplicate key there fails the COPY late.
        var broken = new GtfsFeed
        {
            Name = good.Name, Agencies = good.Agencies, Stops = good.Stops, Routes = good.Routes, Trips = good.Trips,
            StopTimes = [.. good.StopTimes, good.StopTimes[0]], Calendars = good.Calendars, CalendarDates = good.CalendarDates,
        };

        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() =>
            TransitStore.ImportAsync(db.DataSource, broken, "broken.zip", "different-sha", true, null, default));

        Assert.Equal((1L, 2L, 4L), await CountsAsync("synthetic-b"));
    }

    [Fact]
    public async Task A_bad_file_is_refused_before_anything_is_written()
    {
        var path = WriteFeed("synthetic-c", 1);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry("stops.txt")!.Delete();
        }

        var ex = await Assert.ThrowsAsync<GtfsFormatException>(() => GtfsFileImport.ImportAsync(db.DataSource, path, true, null, default));

        Assert.Equal("stops.txt", ex.File);
        Assert.Equal((0L, 0L, 0L), await CountsAsync("synthetic-c"));
    }

    [Fact]
    public async Task The_2023_feed_read_back_from_the_database_builds_the_same_timetable_as_the_zip()
    {
        var path = Path.Combine(CohesionGeo.GeoApi.Hosting.CohesionGeoOptions.FindHome(), "data", "gtfs", "newport-bus-2023.zip");
        await GtfsFileImport.ImportAsync(db.DataSource, path, false, null, default);

        var fromZip = GtfsReader.Read(path, "newport-bus-2023");
        var fromDb = (await TransitStore.ReadAsync(db.DataSource, ["newport-bus-2023"])).Single();
        var date = new DateOnly(2023, 6, 13);
        var a = TimetableBuilder.Build([fromZip], date);
        var b = TimetableBuilder.Build([fromDb], date);

        Assert.Equal(fromZip.StopTimes.Count, fromDb.StopTimes.Count);
        Assert.Equal(a.TripCount, b.TripCount);
        Assert.Equal(a.PatternCount, b.PatternCount);
        Assert.Equal(a.Departures.Order(), b.Departures.Order());
        Assert.DoesNotContain(await TransitStore.ReadAsync(db.DataSource, []), f => f.Name == "newport-bus-2023"); // archive feeds are not in the default set
        var info = (await TransitStore.ListAsync(db.DataSource)).Single(f => f.Name == "newport-bus-2023");
        Assert.Equal(fromZip.Trips.Count, info.Trips);
    }
}
