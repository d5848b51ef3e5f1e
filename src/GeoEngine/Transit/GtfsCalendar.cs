namespace CohesionGeo.GeoEngine.Transit;

/// <summary>One row of GTFS <c>calendar.txt</c>: a weekly pattern between two dates (inclusive).</summary>
/// <param name="ServiceId">service_id.</param>
/// <param name="Weekdays">Bit i set when the service runs on <see cref="DayOfWeek"/> i (Sunday = bit 0).</param>
/// <param name="StartDate">start_date, inclusive.</param>
/// <param name="EndDate">end_date, inclusive.</param>
public sealed record GtfsCalendar(string ServiceId, int Weekdays, DateOnly StartDate, DateOnly EndDate)
{
    /// <summary>Whether the weekly pattern (ignoring calendar_dates) covers <paramref name="date"/>.</summary>
    public bool Covers(DateOnly date) =>
        date >= StartDate && date <= EndDate && (Weekdays & (1 << (int)date.DayOfWeek)) != 0;
}
