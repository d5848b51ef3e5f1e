namespace CohesionGeo.GeoEngine.Store;

/// <summary>Counts per (area, month), flat: area code, area name, population (null when unknown), month, count.</summary>
public sealed record AreaMonthCounts(string[] Codes, string?[] Names, int?[] Population, DateOnly[] Months, long[] Counts);
