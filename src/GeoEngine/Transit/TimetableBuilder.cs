namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// Builds the <see cref="Timetable"/> of one service date from validated feeds: calendar and
/// calendar_dates decide the services; frequencies are expanded into exact trips; trips of the
/// previous day that run past midnight and trips of the next day that start before
/// <see cref="NextDayHorizonSeconds"/> are included, shifted by ∓24 h.
/// </summary>
public static class TimetableBuilder
{
    /// <summary>Next-day trips starting before this time (on the next day's clock) are included.</summary>
    public const int NextDayHorizonSeconds = 6 * 3600;

    private const int Day = 86_400;

    /// <summary>Builds the timetable; throws <see cref="NoServiceException"/> when no trip runs that day (its own or the previous day's past midnight).</summary>
    public static Timetable Build(IReadOnlyList<GtfsFeed> feeds, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(feeds);
        var stopKeys = new List<string>();
        var stopNames = new List<string>();
        var stopPositions = new List<LonLat>();
        var routeNames = new List<string>();
        var routeTypes = new List<int>();
        var built = new List<BuildTrip>();
        var minTransfers = new List<(int, int, int)>();
        var anyToday = false;

        for (var f = 0; f < feeds.Count; f++)
        {
            var feed = feeds[f];
            var stopIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var s in feed.Stops)
            {
                stopIndex[s.StopId] = stopKeys.Count;
                stopKeys.Add(feed.Name + ":" + s.StopId);
                stopNames.Add(s.Name);
                stopPositions.Add(new LonLat(s.Lon, s.Lat));
            }

            var routeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var r in feed.Routes)
            {
                routeIndex[r.RouteId] = routeNames.Count;
                routeNames.Add($"{feed.Name} {(r.ShortName.Length > 0 ? r.ShortName : r.LongName)}");
                routeTypes.Add(r.RouteType);
            }

            foreach (var t in feed.Transfers)
            {
                if (t.TransferType == 2 && t.FromStopId != t.ToStopId)
                {
                    minTransfers.Add((stopIndex[t.FromStopId], stopIndex[t.ToStopId], t.MinTransferSeconds));
                }
            }

            var calendar = new ServiceCalendar(feed);
            var days = new (int Shift, HashSet<string> Services)[]
            {
                (-Day, calendar.ActiveOn(date.AddDays(-1))),
                (0, calendar.ActiveOn(date)),
                (Day, calendar.ActiveOn(date.AddDays(1))),
            };
            var tripById = feed.Trips.ToDictionary(t => t.TripId, StringComparer.Ordinal);
            var frequencies = feed.Frequencies.ToLookup(x => x.TripId, StringComparer.Ordinal);
            var times = feed.StopTimes;
            var start = 0;
            while (start < times.Count)
            {
                var end = start + 1;
                while (end < times.Count && times[end].TripId == times[start].TripId)
                {
                    end++;
                }

                var trip = tripById[times[start].TripId];
                foreach (var (shift, services) in days)
                {
                    if (!services.Contains(trip.ServiceId))
                    {
                        continue;
                    }

                    var n = end - start;
                    var stops = new int[n];
                    var flags = new byte[n];
                    var arr = new int[n];
                    var dep = new int[n];
                    for (var i = 0; i < n; i++)
                    {
                        var st = times[start + i];
                        stops[i] = stopIndex[st.StopId];
                        flags[i] = (byte)((st.PickupType == 1 ? 0 : Timetable.CanBoard) | (st.DropOffType == 1 ? 0 : Timetable.CanAlight));
                        arr[i] = st.ArrivalSeconds + shift;
                        dep[i] = st.DepartureSeconds + shift;
                    }

                    var route = routeIndex[trip.RouteId];
                    var key = PatternKey(f, route, stops, flags);
                    var freq = frequencies[trip.TripId].ToList();
                    if (freq.Count == 0)
                    {
                        if (Relevant(shift, dep[0], arr[^1]))
                        {
                            built.Add(new BuildTrip(key, route, stops, flags, arr, dep, trip.TripId));
                            anyToday |= shift == 0;
                        }

                        continue;
                    }

                    foreach (var fr in freq)
                    {
                        for (var first = fr.StartSeconds + shift; first < fr.EndSeconds + shift; first += fr.HeadwaySeconds)
                        {
                            var delta = first - dep[0];
                            var a = Array.ConvertAll(arr, x => x + delta);
                            var d = Array.ConvertAll(dep, x => x + delta);
                            if (Relevant(shift, d[0], a[^1]))
                            {
                                built.Add(new BuildTrip(key, route, stops, flags, a, d, trip.TripId));
                                anyToday |= shift == 0;
                            }
                        }
                    }
                }

                start = end;
            }
        }

        if (!anyToday && !built.Any(t => t.Arr[^1] > 0 && t.Dep[0] < Day))
        {
            var dates = feeds.SelectMany(f => new ServiceCalendar(f).DatesWithService()).Distinct().Order().ToList();
            throw new NoServiceException(date, dates);
        }

        return Assemble(date, feeds, stopKeys, stopNames, stopPositions, routeNames, routeTypes, built, minTransfers);
    }

    /// <summary>Previous-day trips matter only if they are still running after midnight; next-day ones only early.</summary>
    private static bool Relevant(int shift, int firstDeparture, int lastArrival) => shift switch
    {
        < 0 => lastArrival > 0,
        > 0 => firstDeparture < Day + NextDayHorizonSeconds,
        _ => true,
    };

    private static string PatternKey(int feed, int route, int[] stops, byte[] flags)
    {
        var sb = new System.Text.StringBuilder(16 + (stops.Length * 8));
        sb.Append(feed).Append('|').Append(route);
        for (var i = 0; i < stops.Length; i++)
        {
            sb.Append('|').Append(stops[i]).Append(':').Append(flags[i]);
        }

        return sb.ToString();
    }

    private sealed record BuildTrip(string Key, int Route, int[] Stops, byte[] Flags, int[] Arr, int[] Dep, string TripId);

    private static Timetable Assemble(
        DateOnly date, IReadOnlyList<GtfsFeed> feeds, List<string> stopKeys, List<string> stopNames, List<LonLat> stopPositions,
        List<string> routeNames, List<int> routeTypes, List<BuildTrip> built, List<(int, int, int)> minTransfers)
    {
        // Group by key, sort by departure, split so that trips in one pattern never overtake.
        var patterns = new List<List<BuildTrip>>();
        foreach (var group in built.GroupBy(t => t.Key, StringComparer.Ordinal))
        {
            var sorted = group.OrderBy(t => t.Dep[0]).ThenBy(t => t.Arr[^1]).ToList();
            var subs = new List<List<BuildTrip>>();
            foreach (var trip in sorted)
            {
                var home = subs.FirstOrDefault(s => !Overtakes(s[^1], trip));
                if (home is null)
                {
                    home = [];
                    subs.Add(home);
                }

                home.Add(trip);
            }

            patterns.AddRange(subs);
        }

        var patternStopOffsets = new int[patterns.Count + 1];
        var patternTripOffsets = new int[patterns.Count + 1];
        var patternRoutes = new int[patterns.Count];
        var stopsFlat = new List<int>();
        var flagsFlat = new List<byte>();
        var patternOfRef = new List<int>();
        var tripOffsets = new List<int>();
        var tripIds = new List<string>();
        var arrivals = new List<int>();
        var departures = new List<int>();
        for (var p = 0; p < patterns.Count; p++)
        {
            var first = patterns[p][0];
            patternStopOffsets[p] = stopsFlat.Count;
            patternTripOffsets[p] = tripOffsets.Count;
            patternRoutes[p] = first.Route;
            stopsFlat.AddRange(first.Stops);
            flagsFlat.AddRange(first.Flags);
            patternOfRef.AddRange(Enumerable.Repeat(p, first.Stops.Length));
            foreach (var t in patterns[p])
            {
                tripOffsets.Add(arrivals.Count);
                tripIds.Add(t.TripId);
                arrivals.AddRange(t.Arr);
                departures.AddRange(t.Dep);
            }
        }

        patternStopOffsets[^1] = stopsFlat.Count;
        patternTripOffsets[^1] = tripOffsets.Count;

        // Stop -> visits (CSR).
        var stopCount = stopKeys.Count;
        var stopOffsets = new int[stopCount + 1];
        foreach (var s in stopsFlat)
        {
            stopOffsets[s + 1]++;
        }

        for (var s = 0; s < stopCount; s++)
        {
            stopOffsets[s + 1] += stopOffsets[s];
        }

        var refs = new int[stopsFlat.Count];
        var fill = (int[])stopOffsets.Clone();
        for (var i = 0; i < stopsFlat.Count; i++)
        {
            refs[fill[stopsFlat[i]]++] = i;
        }

        return new Timetable
        {
            ServiceDate = date,
            Feeds = [.. feeds.Select(f => f.Name)],
            StopKeys = [.. stopKeys],
            StopNames = [.. stopNames],
            StopPositions = [.. stopPositions],
            PatternStopOffsets = patternStopOffsets,
            PatternStops = [.. stopsFlat],
            PatternStopFlags = [.. flagsFlat],
            PatternTripOffsets = patternTripOffsets,
            PatternRoutes = patternRoutes,
            TripTimeOffsets = [.. tripOffsets],
            TripIds = [.. tripIds],
            Arrivals = [.. arrivals],
            Departures = [.. departures],
            RouteNames = [.. routeNames],
            RouteTypes = [.. routeTypes],
            StopPatternOffsets = stopOffsets,
            StopPatternRefs = refs,
            PatternOfStopRef = [.. patternOfRef],
            MinimumTransfers = [.. minTransfers],
        };
    }

    /// <summary>True when <paramref name="later"/> (departing no earlier) arrives or departs before <paramref name="earlier"/> anywhere.</summary>
    private static bool Overtakes(BuildTrip earlier, BuildTrip later)
    {
        for (var i = 0; i < earlier.Arr.Length; i++)
        {
            if (later.Arr[i] < earlier.Arr[i] || later.Dep[i] < earlier.Dep[i])
            {
                return true;
            }
        }

        return false;
    }
}
