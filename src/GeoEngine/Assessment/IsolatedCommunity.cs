using CohesionGeo.GeoEngine.Risk;

namespace CohesionGeo.GeoEngine.Assessment;

/// <summary>
/// One area of the isolation ranking joined with tension and ASB: <see cref="Isolated"/> when its rank is within
/// the isolated share; tension rising when the decayed index as of the register's latest report exceeds the index
/// <c>days</c> earlier; ASB rising when the 12-month trend ratio (last 3 months against the 9 before) is above 1.
/// </summary>
public sealed record IsolatedCommunity(
    int Rank, string Code, string? Name, double IsolationIndex, bool Isolated,
    double TensionIndex, double TensionIndexBefore, bool TensionRising, int TensionReports,
    long AsbCount, TrendResult? AsbTrend, bool AsbRising);
