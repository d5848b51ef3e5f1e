using System.IO.Compression;
using CohesionGeo.GeoEngine.Transit;

namespace CohesionGeo.GeoEngine.Import;

/// <summary>
/// Reads and validates a GTFS zip: required files and columns, every reference (route, service,
/// trip, stop), unique ids, stop_sequence increasing and times non-decreasing along each trip.
/// Stop times left empty between timed stops are interpolated linearly (GTFS allows this); the
/// first and last stop of a trip must be timed. Any problem throws <see cref="GtfsFormatException"/>
/// naming file, line and field: a feed is taken whole or not at all.
/// </summary>
public static class GtfsReader
{
    /// <summary>Files a feed must have (plus calendar.txt or calendar_dates.txt).</summary>
    public static readonly IReadOnlyList<string> RequiredFiles = ["agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt"];

    /// <summary>Reads a zip file; the feed is named by <paramref name="feedName"/>.</summary>
    public static GtfsFeed Read(string zipPath, string feedName, IProgress<double>? progress = null)
    {
        using var stream = File.OpenRead(zipPath);
        return Read(stream, feedName, progress);
    }

    /// <summary>Reads a zip from a stream.</summary>
    public static GtfsFeed Read(Stream zip, string feedName, IProgress<double>? progress = null)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new GtfsFormatException(feedName, 0, null, $"not a zip archive ({ex.Message})");
        }

        using (archive)
        {
            var entries = archive.Entries
                .Where(e => e.Name.Length > 0)
                .GroupBy(e => e.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var f in RequiredFiles)
            {
                if (!entries.ContainsKey(f))
                {
                    throw new GtfsFormatException(f, 0, null, "required file is missing from the zip");
                }
            }

            if (!entries.ContainsKey("calendar.txt") && !entries.ContainsKey("calendar_dates.txt"))
            {
                throw new GtfsFormatException("calendar.txt", 0, null, "the zip has neither calendar.txt nor calendar_dates.txt");
            }

            var agencies = ReadAgencies(Open(entries, "agency.txt"));
            var stops = ReadStops(Open(entries, "stops.txt"));
            var routes = ReadRoutes(Open(entries, "routes.txt"), agencies);
            var calendars = entries.ContainsKey("calendar.txt") ? ReadCalendars(Open(entries, "calendar.txt")) : [];
            var calendarDates = entries.ContainsKey("calendar_dates.txt") ? ReadCalendarDates(Open(entries, "calendar_dates.txt")) : [];
            progress?.Report(0.1);
            var services = new HashSet<string>(calendars.Select(c => c.ServiceId), StringComparer.Ordinal);
            services.UnionWith(calendarDates.Select(c => c.ServiceId));
            var trips = ReadTrips(Open(entries, "trips.txt"), routes, services);
            progress?.Report(0.2);
            var stopTimes = ReadStopTimes(Open(entries, "stop_times.txt"), trips, stops, progress);
            var frequencies = entries.ContainsKey("frequencies.txt") ? ReadFrequencies(Open(entries, "frequencies.txt"), trips) : [];
            var transfers = entries.ContainsKey("transfers.txt") ? ReadTransfers(Open(entries, "transfers.txt"), stops) : [];
            progress?.Report(1.0);
            return new GtfsFeed
            {
                Name = feedName,
                Agencies = agencies,
                Stops = [.. stops.Values],
                Routes = [.. routes.Values],
                Trips = [.. trips.Values],
                StopTimes = stopTimes,
                Calendars = calendars,
                CalendarDates = calendarDates,
                Frequencies = frequencies,
                Transfers = transfers,
            };
        }
    }

    private static GtfsCsvTable Open(Dictionary<string, ZipArchiveEntry> entries, string file)
    {
        try
        {
            return new GtfsCsvTable(file, entries[file].Open());
        }
        catch (InvalidDataException ex)
        {
            throw new GtfsFormatException(file, 0, null, $"cannot be unpacked ({ex.Message})");
        }
    }

    private static List<GtfsAgency> ReadAgencies(GtfsCsvTable t)
    {
        using var _ = t;
        t.Require("agency_name", "agency_timezone");
        var list = new List<GtfsAgency>();
        while (t.Read())
        {
            list.Add(new GtfsAgency(t.Get("agency_id"), t.Required("agency_name"), t.Required("agency_timezone")));
        }

        return list.Count == 0 ? throw new GtfsFormatException(t.File, 0, null, "no agency rows") : list;
    }

    private static Dictionary<string, GtfsStop> ReadStops(GtfsCsvTable t)
    {
        using var _ = t;
        t.Require("stop_id");
        var stops = new Dictionary<string, GtfsStop>(StringComparer.Ordinal);
        while (t.Read())
        {
            var id = t.Required("stop_id");
            var locationType = t.Int("location_type", 0);
            double lon = double.NaN, lat = double.NaN;
            if (locationType <= 2 || t.Get("stop_lat").Length > 0)
            {
                lat = t.Coordinate("stop_lat", -90, 90);
                lon = t.Coordinate("stop_lon", -180, 180);
            }

            if (!stops.TryAdd(id, new GtfsStop(id, t.Get("stop_name"), lon, lat, locationType, t.Get("parent_station"))))
            {
                throw t.Error("stop_id", $"duplicate stop_id '{id}'");
            }
        }

        return stops;
    }

    private static Dictionary<string, GtfsRoute> ReadRoutes(GtfsCsvTable t, List<GtfsAgency> agencies)
    {
        using var _ = t;
        t.Require("route_id", "route_type");
        var agencyIds = agencies.Select(a => a.AgencyId).ToHashSet(StringComparer.Ordinal);
        var routes = new Dictionary<string, GtfsRoute>(StringComparer.Ordinal);
        while (t.Read())
        {
            var id = t.Required("route_id");
            var agency = t.Get("agency_id");
            if (agency.Length > 0 && !agencyIds.Contains(agency))
            {
                throw t.Error("agency_id", $"unknown agency '{agency}' (not in agency.txt)");
            }

            if (t.Get("route_short_name").Length == 0 && t.Get("route_long_name").Length == 0 && !t.Has("route_short_name") && !t.Has("route_long_name"))
            {
                throw t.Error("route_short_name", "either route_short_name or route_long_name is required");
            }

            var route = new GtfsRoute(id, agency, t.Get("route_short_name"), t.Get("route_long_name"), t.Int("route_type", -1));
            if (route.RouteType < 0)
            {
                throw t.Error("route_type", "a value is required");
            }

            if (!routes.TryAdd(id, route))
            {
                throw t.Error("route_id", $"duplicate route_id '{id}'");
            }
        }

        return routes;
    }

    private static List<GtfsCalendar> ReadCalendars(GtfsCsvTable t)
    {
        using var _ = t;
        string[] days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
        t.Require(["service_id", .. days, "start_date", "end_date"]);
        var list = new List<GtfsCalendar>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (t.Read())
        {
            var id = t.Required("service_id");
            var bits = 0;
            for (var d = 0; d < 7; d++)
            {
                var v = t.Int(days[d], -1);
                if (v is not (0 or 1))
                {
                    throw t.Error(days[d], "must be 0 or 1");
                }

                bits |= v << d;
            }

            var start = t.Date("start_date");
            var end = t.Date("end_date");
            if (end < start)
            {
                throw t.Error("end_date", $"end_date {end:yyyy-MM-dd} is before start_date {start:yyyy-MM-dd}");
            }

            if (!seen.Add(id))
            {
                throw t.Error("service_id", $"duplicate service_id '{id}'");
            }

            list.Add(new GtfsCalendar(id, bits, start, end));
        }

        return list;
    }

    private static List<GtfsCalendarDate> ReadCalendarDates(GtfsCsvTable t)
    {
        using var _ = t;
        t.Require("service_id", "date", "exception_type");
        var list = new List<GtfsCalendarDate>();
        while (t.Read())
        {
            var type = t.Int("exception_type", 0);
            if (type is not (1 or 2))
            {
                throw t.Error("exception_type", "must be 1 (added) or 2 (removed)");
            }

            list.Add(new GtfsCalendarDate(t.Required("service_id"), t.Date("date"), type));
        }

        return list;
    }

    private static Dictionary<string, GtfsTrip> ReadTrips(GtfsCsvTable t, Dictionary<string, GtfsRoute> routes, HashSet<string> services)
    {
        using var _ = t;
        t.Require("route_id", "service_id", "trip_id");
        var trips = new Dictionary<string, GtfsTrip>(StringComparer.Ordinal);
        while (t.Read())
        {
            var id = t.Required("trip_id");
            var route = t.Required("route_id");
            var service = t.Required("service_id");
            if (!routes.ContainsKey(route))
            {
                throw t.Error("route_id", $"unknown route '{route}' (not in routes.txt)");
            }

            if (!services.Contains(service))
            {
                throw t.Error("service_id", $"unknown service '{service}' (in neither calendar.txt nor calendar_dates.txt)");
            }

            if (!trips.TryAdd(id, new GtfsTrip(id, route, service, t.Get("trip_headsign"))))
            {
                throw t.Error("trip_id", $"duplicate trip_id '{id}'");
            }
        }

        return trips;
    }

    private readonly record struct RawStopTime(int Trip, int Sequence, string StopId, int Arrival, int Departure, byte Pickup, byte DropOff, int Line);

    private static List<GtfsStopTime> ReadStopTimes(GtfsCsvTable t, Dictionary<string, GtfsTrip> trips, Dictionary<string, GtfsStop> stops, IProgress<double>? progress)
    {
        using var _ = t;
        t.Require("trip_id", "stop_id", "stop_sequence", "arrival_time", "departure_time");
        var tripIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var tripIds = new List<string>();
        foreach (var id in trips.Keys)
        {
            tripIndex[id] = tripIds.Count;
            tripIds.Add(id);
        }

        var rows = new List<RawStopTime>();
        while (t.Read())
        {
            var trip = t.Required("trip_id");
            if (!tripIndex.TryGetValue(trip, out var ti))
            {
                throw t.Error("trip_id", $"unknown trip '{trip}' (not in trips.txt)");
            }

            var stop = t.Required("stop_id");
            if (!stops.TryGetValue(stop, out var s))
            {
                throw t.Error("stop_id", $"unknown stop '{stop}' (not in stops.txt)");
            }

            var seq = t.Int("stop_sequence", -1);
            if (seq < 0)
            {
                throw t.Error("stop_sequence", "a non-negative whole number is required");
            }

            var arr = t.TimeOrEmpty("arrival_time");
            var dep = t.TimeOrEmpty("departure_time");
            if (arr < 0 && dep >= 0)
            {
                arr = dep;
            }
            else if (dep < 0 && arr >= 0)
            {
                dep = arr;
            }

            if (dep < arr)
            {
                throw t.Error("departure_time", $"departure {GtfsTime.Format(dep)} is before arrival {GtfsTime.Format(arr)}");
            }

            var pickup = (byte)Math.Clamp(t.Int("pickup_type", 0), 0, 3);
            var dropOff = (byte)Math.Clamp(t.Int("drop_off_type", 0), 0, 3);
            rows.Add(new RawStopTime(ti, seq, s.StopId, arr, dep, pickup, dropOff, t.Line));
            if ((rows.Count & 0xFFFF) == 0)
            {
                progress?.Report(0.2 + (0.6 * Math.Min(1.0, rows.Count / 1_000_000.0)));
            }
        }

        rows.Sort((a, b) => a.Trip != b.Trip ? a.Trip.CompareTo(b.Trip) : a.Sequence.CompareTo(b.Sequence));
        var result = new List<GtfsStopTime>(rows.Count);
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        var start = 0;
        while (start < span.Length)
        {
            var end = start + 1;
            while (end < span.Length && span[end].Trip == span[start].Trip)
            {
                end++;
            }

            ValidateTrip(t.File, span[start..end]);
            var tripId = tripIds[span[start].Trip];
            for (var i = start; i < end; i++)
            {
                var r = span[i];
                result.Add(new GtfsStopTime(tripId, r.Sequence, r.StopId, r.Arrival, r.Departure, r.Pickup, r.DropOff));
            }

            start = end;
        }

        return result;
    }

    /// <summary>Checks sequence and time order along one trip and interpolates untimed stops in place.</summary>
    private static void ValidateTrip(string file, Span<RawStopTime> trip)
    {
        if (trip[0].Arrival < 0)
        {
            throw new GtfsFormatException(file, trip[0].Line, "arrival_time", "the first stop of a trip must have a time");
        }

        if (trip[^1].Arrival < 0)
        {
            throw new GtfsFormatException(file, trip[^1].Line, "arrival_time", "the last stop of a trip must have a time");
        }

        var lastTimed = 0;
        for (var i = 1; i < trip.Length; i++)
        {
            if (trip[i].Sequence == trip[i - 1].Sequence)
            {
                throw new GtfsFormatException(file, trip[i].Line, "stop_sequence", $"stop_sequence {trip[i].Sequence} repeats line {trip[i - 1].Line} of the same trip");
            }

            if (trip[i].Arrival < 0)
            {
                continue;
            }

            if (trip[i].Arrival < trip[lastTimed].Departure)
            {
                throw new GtfsFormatException(file, trip[i].Line, "arrival_time",
                    $"times out of order: arrival {GtfsTime.Format(trip[i].Arrival)} is before the departure {GtfsTime.Format(trip[lastTimed].Departure)} at stop_sequence {trip[lastTimed].Sequence} (line {trip[lastTimed].Line})");
            }

            // Interpolate the untimed stops between lastTimed and i by position.
            var gap = i - lastTimed;
            for (var j = lastTimed + 1; j < i; j++)
            {
                var time = trip[lastTimed].Departure + (int)((long)(trip[i].Arrival - trip[lastTimed].Departure) * (j - lastTimed) / gap);
                trip[j] = trip[j] with { Arrival = time, Departure = time };
            }

            lastTimed = i;
        }
    }

    private static List<GtfsFrequency> ReadFrequencies(GtfsCsvTable t, Dictionary<string, GtfsTrip> trips)
    {
        using var _ = t;
        t.Require("trip_id", "start_time", "end_time", "headway_secs");
        var list = new List<GtfsFrequency>();
        while (t.Read())
        {
            var trip = t.Required("trip_id");
            if (!trips.ContainsKey(trip))
            {
                throw t.Error("trip_id", $"unknown trip '{trip}' (not in trips.txt)");
            }

            var start = t.TimeOrEmpty("start_time");
            var end = t.TimeOrEmpty("end_time");
            if (start < 0)
            {
                throw t.Error("start_time", "a value is required");
            }

            if (end <= start)
            {
                throw t.Error("end_time", "must be after start_time");
            }

            var headway = t.Int("headway_secs", 0);
            if (headway <= 0)
            {
                throw t.Error("headway_secs", "must be a positive number of seconds");
            }

            list.Add(new GtfsFrequency(trip, start, end, headway, t.Int("exact_times", 0) == 1));
        }

        return list;
    }

    private static List<GtfsTransfer> ReadTransfers(GtfsCsvTable t, Dictionary<string, GtfsStop> stops)
    {
        using var _ = t;
        t.Require("from_stop_id", "to_stop_id", "transfer_type");
        var list = new List<GtfsTransfer>();
        while (t.Read())
        {
            var from = t.Get("from_stop_id");
            var to = t.Get("to_stop_id");
            if (from.Length == 0 || to.Length == 0)
            {
                continue; // trip- or route-level transfers are not used
            }

            if (!stops.ContainsKey(from))
            {
                throw t.Error("from_stop_id", $"unknown stop '{from}' (not in stops.txt)");
            }

            if (!stops.ContainsKey(to))
            {
                throw t.Error("to_stop_id", $"unknown stop '{to}' (not in stops.txt)");
            }

            list.Add(new GtfsTransfer(from, to, t.Int("transfer_type", 0), t.Int("min_transfer_time", 0)));
        }

        return list;
    }
}
