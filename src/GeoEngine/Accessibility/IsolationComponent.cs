namespace CohesionGeo.GeoEngine.Accessibility;

/// <summary>
/// One service's part of an area's isolation index: the best mode's median minutes (null =
/// unreachable), which mode that was, the share of dwellings beyond 30 minutes by that mode, and the
/// component score min(minutes, 60) / 60 (1 when unreachable).
/// </summary>
public sealed record IsolationComponent(string Kind, double? Minutes, string Mode, double ShareOver30, double Score);
