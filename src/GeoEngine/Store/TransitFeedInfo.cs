namespace CohesionGeo.GeoEngine.Store;

/// <summary>A loaded GTFS feed as listed in <c>transit.feeds</c>, with row counts.</summary>
/// <param name="Name">Feed name (the file name without .zip by default).</param>
/// <param name="FileName">The imported file's name.</param>
/// <param name="Sha256">SHA-256 of the zip (hex); importing the same bytes again changes nothing.</param>
/// <param name="InDefault">Part of the default timetable (false: kept for before/after comparisons).</param>
/// <param name="FirstDate">First service date.</param>
/// <param name="LastDate">Last service date.</param>
/// <param name="Stops">Rows in transit.stops.</param>
/// <param name="Trips">Rows in transit.trips.</param>
/// <param name="StopTimes">Rows in transit.stop_times.</param>
public sealed record TransitFeedInfo(
    string Name, string FileName, string Sha256, bool InDefault, DateOnly? FirstDate, DateOnly? LastDate, long Stops, long Trips, long StopTimes);
