namespace CohesionGeo.GeoEngine.Transit;

/// <summary>Which service_ids of one feed run on a date: calendar.txt weekly patterns plus calendar_dates.txt exceptions.</summary>
public sealed class ServiceCalendar
{
    private readonly Dictionary<string, GtfsCalendar> _weekly;
    private readonly Dictionary<(string Service, DateOnly Date), int> _exceptions = [];

    public ServiceCalendar(GtfsFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        _weekly = feed.Calendars.ToDictionary(c => c.ServiceId, StringComparer.Ordinal);
        foreach (var d in feed.CalendarDates)
        {
            _exceptions[(d.ServiceId, d.Date)] = d.ExceptionType;
        }

        Services = [.. _weekly.Keys.Concat(feed.CalendarDates.Select(d => d.ServiceId)).Distinct(StringComparer.Ordinal)];
        var range = feed.DateRange();
        First = range?.First;
        Last = range?.Last;
    }

    public IReadOnlyList<string> Services { get; }

    /// <summary>First date any service is defined (null for an empty calendar).</summary>
    public DateOnly? First { get; }

    /// <summary>Last date any service is defined.</summary>
    public DateOnly? Last { get; }

    /// <summary>True when <paramref name="serviceId"/> runs on <paramref name="date"/>.</summary>
    public bool IsActive(string serviceId, DateOnly date)
    {
        if (_exceptions.TryGetValue((serviceId, date), out var type))
        {
            return type == 1;
        }

        return _weekly.TryGetValue(serviceId, out var c) && c.Covers(date);
    }

    /// <summary>The service_ids running on <paramref name="date"/>.</summary>
    public HashSet<string> ActiveOn(DateOnly date) =>
        Services.Where(s => IsActive(s, date)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every date between <see cref="First"/> and <see cref="Last"/> on which at least one service runs.</summary>
    public IEnumerable<DateOnly> DatesWithService()
    {
        if (First is not { } first || Last is not { } last)
        {
            yield break;
        }

        for (var d = first; d <= last; d = d.AddDays(1))
        {
            var day = d;
            if (Services.Any(s => IsActive(s, day)))
            {
                yield return d;
            }
        }
    }
}
