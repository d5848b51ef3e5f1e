namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// A whole GTFS feed as validated by the importer (every reference resolved, stop times ordered by
/// trip and stop_sequence and non-decreasing in time). <see cref="Name"/> identifies the feed among
/// several loaded together (its stop ids are only unique within it).
/// </summary>
public sealed class GtfsFeed
{
    public required string Name { get; init; }

    public required IReadOnlyList<GtfsAgency> Agencies { get; init; }

    public required IReadOnlyList<GtfsStop> Stops { get; init; }

    public required IReadOnlyList<GtfsRoute> Routes { get; init; }

    public required IReadOnlyList<GtfsTrip> Trips { get; init; }

    /// <summary>Grouped by trip (trips in any order), each trip's rows in stop_sequence order.</summary>
    public required IReadOnlyList<GtfsStopTime> StopTimes { get; init; }

    public required IReadOnlyList<GtfsCalendar> Calendars { get; init; }

    public required IReadOnlyList<GtfsCalendarDate> CalendarDates { get; init; }

    public IReadOnlyList<GtfsFrequency> Frequencies { get; init; } = [];

    public IReadOnlyList<GtfsTransfer> Transfers { get; init; } = [];

    /// <summary>First and last date any calendar row or added exception mentions (null when none).</summary>
    public (DateOnly First, DateOnly Last)? DateRange()
    {
        var dates = Calendars.SelectMany(c => new[] { c.StartDate, c.EndDate })
            .Concat(CalendarDates.Where(d => d.ExceptionType == 1).Select(d => d.Date)).ToList();
        return dates.Count == 0 ? null : (dates.Min(), dates.Max());
    }
}
