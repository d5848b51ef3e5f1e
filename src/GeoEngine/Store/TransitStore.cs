using CohesionGeo.GeoEngine.Transit;
using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// Writes and reads GTFS feeds in <c>transit.*</c>. A feed is written whole in one transaction
/// (binary COPY): re-importing a feed of the same name replaces it, importing the same bytes again
/// writes nothing, and a failure leaves the previous state untouched.
/// </summary>
public static class TransitStore
{
    /// <summary>Lock key serialising concurrent imports of feeds (pg_advisory_xact_lock).</summary>
    private const long ImportLockKey = 0x7472616E736974; // "transit"

    /// <summary>Writes <paramref name="feed"/> under its name, replacing an older version of it.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="feed">A validated feed (see <c>Import.GtfsReader</c>).</param>
    /// <param name="fileName">The file's name, for the record.</param>
    /// <param name="sha256">Hex SHA-256 of the file; the same value as the loaded feed means nothing is written.</param>
    /// <param name="inDefault">Whether the feed belongs to the default timetable.</param>
    /// <param name="progress">Receives [0, 1].</param>
    /// <param name="ct">Cancellation (rolls back).</param>
    public static async Task<TransitImportOutcome> ImportAsync(
        NpgsqlDataSource dataSource, GtfsFeed feed, string fileName, string sha256, bool inDefault, IProgress<double>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(feed);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", conn, tx))
        {
            lockCmd.Parameters.AddWithValue(ImportLockKey);
            await lockCmd.ExecuteNonQueryAsync(ct);
        }

        string? existingSha = null;
        bool existingDefault = false;
        await using (var find = new NpgsqlCommand("SELECT sha256, in_default FROM transit.feeds WHERE name = $1", conn, tx))
        {
            find.Parameters.AddWithValue(feed.Name);
            await using var reader = await find.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                existingSha = reader.GetString(0);
                existingDefault = reader.GetBoolean(1);
            }
        }

        if (existingSha == sha256 && existingDefault == inDefault)
        {
            await tx.RollbackAsync(ct);
            return TransitImportOutcome.Unchanged;
        }

        await using (var delete = new NpgsqlCommand("DELETE FROM transit.feeds WHERE name = $1", conn, tx))
        {
            delete.Parameters.AddWithValue(feed.Name);
            await delete.ExecuteNonQueryAsync(ct);
        }

        var range = feed.DateRange();
        int feedId;
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO transit.feeds (name, file_name, sha256, in_default, first_date, last_date) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id", conn, tx))
        {
            insert.Parameters.AddWithValue(feed.Name);
            insert.Parameters.AddWithValue(fileName);
            insert.Parameters.AddWithValue(sha256);
            insert.Parameters.AddWithValue(inDefault);
            insert.Parameters.Add(new NpgsqlParameter { Value = range is { } r1 ? r1.First : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
            insert.Parameters.Add(new NpgsqlParameter { Value = range is { } r2 ? r2.Last : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
            feedId = (int)(await insert.ExecuteScalarAsync(ct))!;
        }

        await CopyAsync(conn, "COPY transit.agencies (feed_id, agency_id, name, timezone) FROM STDIN (FORMAT BINARY)", feed.Agencies, async (w, a) =>
        {
            await w.WriteAsync(feedId, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(a.AgencyId, NpgsqlDbType.Text, ct);
            await w.WriteAsync(a.Name, NpgsqlDbType.Text, ct);
            await w.WriteAsync(a.Timezone, NpgsqlDbType.Text, ct);
        }, ct);
        await CopyAsync(conn, "COPY transit.stops (feed_id, stop_id, name, lon, lat, location_type, parent_station) FROM STDIN (FORMAT BINARY)", feed.Stops, async (w, s) =>
        {
            await w.WriteAsync(feedId, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(s.StopId, NpgsqlDbType.Text, ct);
            await w.WriteAsync(s.Name, NpgsqlDbType.Text, ct);
            await WriteCoordinate(w, s.Lon, ct);
            await WriteCoordinate(w, s.Lat, ct);
            await w.WriteAsync((short)s.LocationType, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync(s.ParentStation, NpgsqlDbType.Text, ct);
        }, ct);
        await using (var geom = new NpgsqlCommand(
            "UPDATE transit.stops SET geom = ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 27700) WHERE feed_id = $1 AND lon IS NOT NULL", conn, tx))
        {
            geom.Parameters.AddWithValue(feedId);
            await geom.ExecuteNonQueryAsync(ct);
        }

        await CopyAsync(conn, "COPY transit.routes (feed_id, route_id, agency_id, short_name, long_name, route_type) FROM STDIN (FORMAT BINARY)", feed.Routes, async (w, r) =>
        {
            await w.WriteAsync(feedId, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(r.RouteId, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.AgencyId, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.ShortName, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.LongName, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.RouteType, NpgsqlDbType.Integer, ct);
        }, ct);
        await CopyAsync(conn, "COPY transit.trips (feed_id, trip_id, route_id, service_id, headsign) FROM STDIN (FORMAT BINARY)", feed.Trips, async (w, t) =>
        {
            await w.WriteAsync(feedId, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(t.TripId, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.RouteId, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.ServiceId, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.Headsign, NpgsqlDbType.Text, ct);
        }, ct);
        progress?.Report(0.2);
        var written = 0;
        await CopyAsync(conn, "COPY transit.stop_times (feed_id, trip_id, stop_sequence, stop_id, arrival_s, departure_s, pickup_type, drop_off_type) FROM STDIN (FORMAT BINARY)", feed.StopTimes, async (w, st) =>
        {
            await w.WriteAsync(feedId, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(st.TripId, NpgsqlDbType.Text, ct);
            await w.WriteAsync(st.StopSequence, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(st.StopId, NpgsqlDbType.Text, ct);
            await w.WriteAsync(st.ArrivalSeconds, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(st.DepartureSeconds, NpgsqlDbType.Integer, ct);
            await w.WriteAsync((short)st.PickupType, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync((short)st.DropOffType, NpgsqlDbType.Smallint, ct);
            if ((++written & 0x3FFF) == 0)
            {
                progress?.Report(0.2 + (0.7 * written / Math.Max(1, feed.StopTimes.Count)));
            }
        }, ct);
        await CopyAsync(conn, "COPY transit.calendar (feed_id, service_id, weekdays, start_date, end_date) FROM STDIN (FORMAT BINARY)", feed.Calendars, async (w, c) =>
        {
            await w.WriteAsync(feedId, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(c.ServiceId, NpgsqlDbType.Text, ct);
            await w.WriteAsync((short)c.Weekdays, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync(c.StartDate, NpgsqlDbType.Date, ct);
            await w.WriteAsync(c.EndDate, NpgsqlDbType.Date, ct);
        }, ct);
        await CopyAsync(conn, "COPY transit.calendar_dates (feed_id, service_id, date, exception_type) FROM STDIN (FORMAT BINARY)", feed.CalendarDates, async (w, d) =>
        {
            await w.WriteAsync(feedId, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(d.ServiceId, NpgsqlDbType.Text, ct);
            await w.WriteAsync(d.Date, NpgsqlDbType.Date, ct);
            await w.WriteAsync((short)d.ExceptionType, NpgsqlDbType.Smallint, ct);
        }, ct);
        await CopyAsync(conn, "COPY transit.frequencies (feed_id, trip_id, start_s, end_s, headway_s, exact_times) FROM STDIN (FORMAT BINARY)", feed.Frequencies, async (w, f) =>
        {
            await w.WriteAsync(feedId, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(f.TripId, NpgsqlDbType.Text, ct);
            await w.WriteAsync(f.StartSeconds, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(f.EndSeconds, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(f.HeadwaySeconds, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(f.ExactTimes, NpgsqlDbType.Boolean, ct);
        }, ct);
        await CopyAsync(conn, "COPY transit.transfers (feed_id, from_stop_id, to_stop_id, transfer_type, min_transfer_s) FROM STDIN (FORMAT BINARY)", feed.Transfers, async (w, t) =>
        {
            await w.WriteAsync(feedId, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(t.FromStopId, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.ToStopId, NpgsqlDbType.Text, ct);
            await w.WriteAsync((short)t.TransferType, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync(t.MinTransferSeconds, NpgsqlDbType.Integer, ct);
        }, ct);
        await tx.CommitAsync(ct);
        progress?.Report(1.0);
        return existingSha is null ? TransitImportOutcome.Added : TransitImportOutcome.Replaced;
    }

    /// <summary>The loaded feeds with counts, by name.</summary>
    public static async Task<IReadOnlyList<TransitFeedInfo>> ListAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var cmd = dataSource.CreateCommand("""
            SELECT f.name, f.file_name, f.sha256, f.in_default, f.first_date, f.last_date,
                   (SELECT count(*) FROM transit.stops s WHERE s.feed_id = f.id),
                   (SELECT count(*) FROM transit.trips t WHERE t.feed_id = f.id),
                   (SELECT count(*) FROM transit.stop_times st WHERE st.feed_id = f.id)
            FROM transit.feeds f ORDER BY f.name
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<TransitFeedInfo>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(new TransitFeedInfo(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5),
                reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8)));
        }

        return list;
    }

    /// <summary>
    /// Reads feeds back as <see cref="GtfsFeed"/>s (stop times grouped by trip in stop_sequence order):
    /// the named ones, or when <paramref name="names"/> is empty the default set.
    /// </summary>
    public static async Task<IReadOnlyList<GtfsFeed>> ReadAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<string> names, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(names);
        var feeds = new List<(int Id, string Name)>();
        await using (var cmd = dataSource.CreateCommand(names.Count == 0
            ? "SELECT id, name FROM transit.feeds WHERE in_default ORDER BY name"
            : "SELECT id, name FROM transit.feeds WHERE name = ANY($1) ORDER BY name"))
        {
            if (names.Count > 0)
            {
                cmd.Parameters.AddWithValue(names.ToArray());
            }

            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                feeds.Add((reader.GetInt32(0), reader.GetString(1)));
            }
        }

        var result = new List<GtfsFeed>();
        foreach (var (id, name) in feeds)
        {
            result.Add(new GtfsFeed
            {
                Name = name,
                Agencies = await RowsAsync(dataSource, "SELECT agency_id, name, timezone FROM transit.agencies WHERE feed_id = $1", id,
                    r => new GtfsAgency(r.GetString(0), r.GetString(1), r.GetString(2)), ct),
                Stops = await RowsAsync(dataSource, "SELECT stop_id, name, coalesce(lon, 'NaN'), coalesce(lat, 'NaN'), location_type, parent_station FROM transit.stops WHERE feed_id = $1 ORDER BY stop_id", id,
                    r => new GtfsStop(r.GetString(0), r.GetString(1), r.GetDouble(2), r.GetDouble(3), r.GetInt16(4), r.GetString(5)), ct),
                Routes = await RowsAsync(dataSource, "SELECT route_id, agency_id, short_name, long_name, route_type FROM transit.routes WHERE feed_id = $1 ORDER BY route_id", id,
                    r => new GtfsRoute(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4)), ct),
                Trips = await RowsAsync(dataSource, "SELECT trip_id, route_id, service_id, headsign FROM transit.trips WHERE feed_id = $1 ORDER BY trip_id", id,
                    r => new GtfsTrip(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)), ct),
                StopTimes = await RowsAsync(dataSource, "SELECT trip_id, stop_sequence, stop_id, arrival_s, departure_s, pickup_type, drop_off_type FROM transit.stop_times WHERE feed_id = $1 ORDER BY trip_id, stop_sequence", id,
                    r => new GtfsStopTime(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), (byte)r.GetInt16(5), (byte)r.GetInt16(6)), ct),
                Calendars = await RowsAsync(dataSource, "SELECT service_id, weekdays, start_date, end_date FROM transit.calendar WHERE feed_id = $1", id,
                    r => new GtfsCalendar(r.GetString(0), r.GetInt16(1), r.GetFieldValue<DateOnly>(2), r.GetFieldValue<DateOnly>(3)), ct),
                CalendarDates = await RowsAsync(dataSource, "SELECT service_id, date, exception_type FROM transit.calendar_dates WHERE feed_id = $1", id,
                    r => new GtfsCalendarDate(r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetInt16(2)), ct),
                Frequencies = await RowsAsync(dataSource, "SELECT trip_id, start_s, end_s, headway_s, exact_times FROM transit.frequencies WHERE feed_id = $1", id,
                    r => new GtfsFrequency(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetBoolean(4)), ct),
                Transfers = await RowsAsync(dataSource, "SELECT from_stop_id, to_stop_id, transfer_type, min_transfer_s FROM transit.transfers WHERE feed_id = $1", id,
                    r => new GtfsTransfer(r.GetString(0), r.GetString(1), r.GetInt16(2), r.GetInt32(3)), ct),
            });
        }

        return result;
    }

    private static async Task<List<T>> RowsAsync<T>(NpgsqlDataSource dataSource, string sql, int feedId, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue(feedId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(map(reader));
        }

        return list;
    }

    private static async Task CopyAsync<T>(NpgsqlConnection conn, string copy, IEnumerable<T> rows, Func<NpgsqlBinaryImporter, T, Task> write, CancellationToken ct)
    {
        await using var writer = await conn.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            await write(writer, row);
        }

        await writer.CompleteAsync(ct);
    }

    private static Task WriteCoordinate(NpgsqlBinaryImporter w, double value, CancellationToken ct) =>
        double.IsNaN(value) ? w.WriteNullAsync(ct) : w.WriteAsync(value, NpgsqlDbType.Double, ct);
}
