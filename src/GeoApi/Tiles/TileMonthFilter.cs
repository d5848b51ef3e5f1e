using CohesionGeo.GeoEngine.Store.Tiles;

namespace CohesionGeo.GeoApi.Tiles;

/// <summary>
/// Reads the optional month range of a tile request, <c>?from=yyyy-MM&amp;to=yyyy-MM</c> (both months inclusive).
/// Both or neither must be given; a layer without a month filter (<see cref="TileLayer.HasMonthFilter"/>) refuses
/// them; the range is at most <see cref="TileMonthRange.MaxMonths"/> months. Errors name the field
/// (<c>from</c> or <c>to</c>) for a 400 problem+json. The parsed values are only ever bound as SQL parameters.
/// </summary>
public static class TileMonthFilter
{
    public const string From = "from";
    public const string To = "to";

    /// <summary>The query keys that select different tile bytes (the output cache varies by them).</summary>
    public static readonly string[] QueryKeys = [From, To];

    public static bool TryRead(IQueryCollection query, TileLayer layer, out TileMonthRange? range, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        range = null;
        var hasFrom = query.TryGetValue(From, out var fromValues);
        var hasTo = query.TryGetValue(To, out var toValues);
        if (!hasFrom && !hasTo)
        {
            return true;
        }

        if (!layer.HasMonthFilter)
        {
            errors[hasFrom ? From : To] = [$"Layer '{layer.Id}' has no month filter; only incidents, incident_points and tension take from/to."];
            return false;
        }

        var first = ReadMonth(From, hasFrom, fromValues, errors);
        var last = ReadMonth(To, hasTo, toValues, errors);
        if (first is not { } f || last is not { } l)
        {
            return false;
        }

        if (l < f)
        {
            errors[To] = [$"to ({TileMonthRange.Format(l)}) is before from ({TileMonthRange.Format(f)})."];
            return false;
        }

        var months = new TileMonthRange(f, l);
        if (months.Months > TileMonthRange.MaxMonths)
        {
            errors[To] = [$"The range {months} is {months.Months} months; at most {TileMonthRange.MaxMonths} are served at once."];
            return false;
        }

        range = months;
        return true;
    }

    private static DateOnly? ReadMonth(string field, bool present, Microsoft.Extensions.Primitives.StringValues values, Dictionary<string, string[]> errors)
    {
        if (!present)
        {
            errors[field] = [$"{field} is missing: give both from and to (yyyy-MM), or neither."];
            return null;
        }

        if (values.Count != 1)
        {
            errors[field] = [$"{field} is given {values.Count} times; give it once."];
            return null;
        }

        if (!TileMonthRange.TryParseMonth(values[0], out var month))
        {
            errors[field] = [$"{field} must be a month written yyyy-MM (for example 2023-01) from {TileMonthRange.Format(TileMonthRange.Earliest)} to {TileMonthRange.Format(TileMonthRange.Latest)}; got '{Truncate(values[0])}'."];
            return null;
        }

        return month;
    }

    private static string Truncate(string? text) => text is null ? string.Empty : text.Length <= 20 ? text : text[..20] + "…";
}
