namespace CohesionGeo.GeoEngine.Risk;

/// <summary>
/// Hot/cold spot class from a Gi* z-score and its Benjamini–Hochberg adjusted p-value q:
/// ±3 when q ≤ 0.01 (99 % confidence), ±2 when q ≤ 0.05 (95 %, the FDR level used for "significant"),
/// ±1 when q ≤ 0.10 (90 %), else 0; the sign is the sign of z (positive = hot).
/// </summary>
public static class HotspotClass
{
    /// <summary>Confidence levels, in percent, of classes 1, 2 and 3.</summary>
    public static readonly IReadOnlyList<int> ConfidencePercent = [90, 95, 99];

    public static int Of(double z, double adjustedP)
    {
        var level = adjustedP <= 0.01 ? 3 : adjustedP <= 0.05 ? 2 : adjustedP <= 0.10 ? 1 : 0;
        return level == 0 || z == 0 ? 0 : Math.Sign(z) * level;
    }

    /// <summary>Wire name: <c>hot_99</c>, <c>hot_95</c>, <c>hot_90</c>, <c>none</c>, <c>cold_90</c>, ...</summary>
    public static string Name(int cls) => cls switch
    {
        0 => "none",
        > 0 => "hot_" + ConfidencePercent[cls - 1],
        _ => "cold_" + ConfidencePercent[-cls - 1],
    };
}
