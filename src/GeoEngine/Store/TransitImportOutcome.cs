namespace CohesionGeo.GeoEngine.Store;

/// <summary>What an import did to <c>transit.*</c>.</summary>
public enum TransitImportOutcome
{
    /// <summary>A feed of that name was not loaded before.</summary>
    Added,

    /// <summary>A feed of that name with different content was replaced (in the same transaction).</summary>
    Replaced,

    /// <summary>The same file (same SHA-256) was already loaded: nothing was written.</summary>
    Unchanged,
}
