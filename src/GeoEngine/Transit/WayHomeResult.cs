namespace CohesionGeo.GeoEngine.Transit;

/// <summary>Outcome of the way-home check for one site and one service.</summary>
/// <param name="OutboundSeconds">Site → service in the morning window (the percentile asked for), null when impossible.</param>
/// <param name="ReturnSeconds">Service → site in the evening window, null when impossible.</param>
/// <param name="Flagged">True when the way home is impossible or more than <see cref="WayHome.Ratio"/> × the outbound.</param>
/// <param name="Reason">Why it is flagged (or "ok").</param>
public sealed record WayHomeResult(int? OutboundSeconds, int? ReturnSeconds, bool Flagged, string Reason);
