namespace CohesionGeo.GeoEngine.Network;

/// <summary>
/// Per mode, how the passable edges fell into connected pieces: only the largest piece is kept
/// routable; the others (islands: a car park with no mapped entrance, a footpath clipped by the
/// extract's edge) are made impassable for that mode and counted here.
/// </summary>
/// <param name="Mode">The mode.</param>
/// <param name="Components">Number of connected pieces of passable edges before filtering.</param>
/// <param name="KeptEdges">Edges passable in the largest piece.</param>
/// <param name="IslandEdges">Passable edges outside it, now impassable for the mode.</param>
/// <param name="IslandLengthMetres">Their total length, metres.</param>
public sealed record IslandReport(TravelMode Mode, int Components, int KeptEdges, int IslandEdges, double IslandLengthMetres);
