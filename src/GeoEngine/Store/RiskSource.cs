namespace CohesionGeo.GeoEngine.Store;

/// <summary>What a risk count counts.</summary>
public enum RiskSource
{
    /// <summary>police.uk anti-social behaviour rows.</summary>
    Asb,

    /// <summary>police.uk rows other than ASB.</summary>
    Crime,

    /// <summary>Community tension reports that have a point.</summary>
    Tension,
}
