using CohesionGeo.GeoEngine.Risk;

namespace CohesionGeo.GeoEngine.Assessment;

/// <summary>
/// Counts police.uk rows per buffer around a boundary, per category and per month. Input is one entry
/// per (category, month, distance) group as read from PostGIS: the distance of a row from the boundary in
/// EPSG:27700 metres (0 inside). A row counts in every buffer whose distance it is within, so the buffers
/// are nested (100 m ⊂ 250 m ⊂ 500 m). police.uk points are snapped anonymised locations: a row can sit
/// up to a few hundred metres from where it happened, so the 100 m figure is the least reliable.
/// </summary>
public static class BufferedIncidents
{
    /// <param name="categories">Category of each group.</param>
    /// <param name="monthIndex">Month of each group as an index into the period (0 = oldest); outside 0..months-1 is ignored.</param>
    /// <param name="distances">Distance of each group from the boundary, metres.</param>
    /// <param name="counts">Rows in each group.</param>
    /// <param name="buffers">Buffer distances in metres, ascending.</param>
    /// <param name="months">Months in the period.</param>
    public static IReadOnlyList<IncidentBuffer> Summarise(
        IReadOnlyList<string> categories, ReadOnlySpan<int> monthIndex, ReadOnlySpan<double> distances, ReadOnlySpan<long> counts,
        IReadOnlyList<int> buffers, int months)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(buffers);
        if (categories.Count != monthIndex.Length || monthIndex.Length != distances.Length || distances.Length != counts.Length)
        {
            throw new ArgumentException("categories, monthIndex, distances and counts must have the same length.", nameof(categories));
        }

        var result = new List<IncidentBuffer>(buffers.Count);
        foreach (var radius in buffers)
        {
            var monthly = new long[months];
            var byCategory = new Dictionary<string, long>(StringComparer.Ordinal);
            long total = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                if (distances[i] > radius || monthIndex[i] < 0 || monthIndex[i] >= months)
                {
                    continue;
                }

                monthly[monthIndex[i]] += counts[i];
                byCategory[categories[i]] = byCategory.GetValueOrDefault(categories[i]) + counts[i];
                total += counts[i];
            }

            var ordered = byCategory.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new CategoryCount(kv.Key, kv.Value)).ToList();
            var trend = months == Trend.RecentMonths + Trend.BaselineMonths ? Trend.Of(monthly) : null;
            result.Add(new IncidentBuffer(radius, total, ordered, monthly, trend));
        }

        return result;
    }
}
