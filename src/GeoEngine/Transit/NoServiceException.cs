namespace CohesionGeo.GeoEngine.Transit;

/// <summary>No loaded feed runs any trip on the requested date; the message says which dates do.</summary>
public sealed class NoServiceException : Exception
{
    public NoServiceException(DateOnly date, IReadOnlyList<DateOnly> datesWithService)
        : base(Describe(date, datesWithService))
    {
        Date = date;
        DatesWithService = datesWithService;
    }

    public NoServiceException()
        : this(default, [])
    {
    }

    public NoServiceException(string message)
        : base(message)
    {
        DatesWithService = [];
    }

    public NoServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        DatesWithService = [];
    }

    public DateOnly Date { get; }

    /// <summary>Every date with service in the loaded feeds (ascending).</summary>
    public IReadOnlyList<DateOnly> DatesWithService { get; }

    /// <summary>Dates as compact ranges: "2024-02-26 to 2024-03-01, 2024-03-04".</summary>
    public static string Ranges(IReadOnlyList<DateOnly> dates, int maxRanges = 12)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < dates.Count)
        {
            var j = i;
            while (j + 1 < dates.Count && dates[j + 1] == dates[j].AddDays(1))
            {
                j++;
            }

            parts.Add(i == j ? $"{dates[i]:yyyy-MM-dd}" : $"{dates[i]:yyyy-MM-dd} to {dates[j]:yyyy-MM-dd}");
            i = j + 1;
        }

        return parts.Count <= maxRanges ? string.Join(", ", parts) : string.Join(", ", parts.Take(maxRanges)) + $" and {parts.Count - maxRanges} more ranges";
    }

    private static string Describe(DateOnly date, IReadOnlyList<DateOnly> dates) =>
        dates.Count == 0
            ? $"No service on {date:yyyy-MM-dd} ({date.DayOfWeek}): the loaded feeds have no service on any date."
            : $"No service on {date:yyyy-MM-dd} ({date.DayOfWeek}). Dates with service: {Ranges(dates)}.";
}
