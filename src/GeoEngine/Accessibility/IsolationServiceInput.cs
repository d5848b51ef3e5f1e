namespace CohesionGeo.GeoEngine.Accessibility;

/// <summary>
/// One service's figures for one area, per mode: median dwelling time (seconds; null = most
/// dwellings cannot reach one) and the share of dwellings beyond 30 minutes. Transit figures are
/// null until public transport is computed.
/// </summary>
public sealed record IsolationServiceInput(string Kind, double? WalkMedianSeconds, double WalkShareOver30, double? TransitMedianSeconds = null, double? TransitShareOver30 = null);
