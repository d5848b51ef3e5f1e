namespace CohesionGeo.GeoEngine.Assessment;

/// <summary>
/// What the DOCO evidence pack found around one boundary, as the checklist needs it.
/// </summary>
/// <param name="Buffers">Incident buffers (see <see cref="BufferedIncidents"/>), ascending distance.</param>
/// <param name="HotAsbCells">250 m cells touching the largest buffer with an ASB Gi* hot class (90 % or more).</param>
/// <param name="HotCrimeCells">The same for police.uk crime other than ASB.</param>
/// <param name="EntryPoints">Footpath crossings of the boundary outline.</param>
/// <param name="UnlitPaths">Path-type ways with OSM <c>lit=no</c> within the lighting distance.</param>
/// <param name="UnknownLightingPaths">Path-type ways with no OSM <c>lit</c> tag within the lighting distance.</param>
/// <param name="Alleys">OSM <c>service=alley</c> ways within the lighting distance.</param>
/// <param name="Observations">Earlier officer observations nearby.</param>
/// <param name="Applications">Other planning applications nearby.</param>
public sealed record DocoEvidence(
    IReadOnlyList<IncidentBuffer> Buffers, int HotAsbCells, int HotCrimeCells, int EntryPoints,
    int UnlitPaths, int UnknownLightingPaths, int Alleys, int Observations, int Applications);
