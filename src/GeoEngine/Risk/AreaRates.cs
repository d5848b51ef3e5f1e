namespace CohesionGeo.GeoEngine.Risk;

/// <summary>Rates per 1,000 residents (or dwellings): count × 1000 / denominator; null without a positive denominator.</summary>
public static class AreaRates
{
    public static double? Per1000(long count, long? denominator) =>
        denominator is > 0 ? count * 1000.0 / denominator.Value : null;
}
