using System.Globalization;

namespace CohesionGeo.GeoEngine.Store.Tiles;

/// <summary>
/// A whole-month range for the month-filtered tile layers (incidents, incident points, tension), both ends
/// inclusive: <c>2023-01</c> to <c>2023-12</c> is the twelve months of 2023. Bound to the tile SQL as two
/// <c>date</c> parameters, <c>$5</c> = first day of <see cref="First"/> and <c>$6</c> = first day of the month
/// after <see cref="Last"/> (exclusive), never written into the statement.
/// </summary>
public readonly record struct TileMonthRange
{
    /// <summary>Longest range served, in months (a tile query over more would read most of the incident table).</summary>
    public const int MaxMonths = 36;

    /// <summary>Earliest and latest month accepted (police.uk starts in 2010; anything outside is a typing error).</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <inheritdoc cref="Earliest"/>
    public static readonly DateOnly Latest = new(2099, 12, 1);

    /// <summary>A range; both dates are moved to the first of their month.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="last"/> is before <paramref name="first"/>.</exception>
    public TileMonthRange(DateOnly first, DateOnly last)
    {
        First = new DateOnly(first.Year, first.Month, 1);
        Last = new DateOnly(last.Year, last.Month, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Last, First, nameof(last));
    }

    /// <summary>First day of the first month.</summary>
    public DateOnly First { get; }

    /// <summary>First day of the last month (inclusive).</summary>
    public DateOnly Last { get; }

    /// <summary>First day of the month after <see cref="Last"/>: the exclusive upper bound bound as <c>$6</c>.</summary>
    public DateOnly EndExclusive => Last.AddMonths(1);

    /// <summary>Number of months covered (1 for a single month).</summary>
    public int Months => ((Last.Year - First.Year) * 12) + Last.Month - First.Month + 1;

    /// <summary><c>yyyy-MM</c>, the wire form of a month.</summary>
    public static string Format(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses exactly <c>yyyy-MM</c> (four-digit year, two-digit month 01–12) between <see cref="Earliest"/> and
    /// <see cref="Latest"/>; anything else (other separators, days, spaces) is refused.
    /// </summary>
    public static bool TryParseMonth(string? text, out DateOnly month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || m is < 1 or > 12)
        {
            return false;
        }

        month = new DateOnly(year, m, 1);
        return month >= Earliest && month <= Latest;
    }

    /// <inheritdoc/>
    public override string ToString() => Format(First) + ".." + Format(Last);
}
