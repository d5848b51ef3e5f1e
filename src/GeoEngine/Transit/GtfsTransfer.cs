namespace CohesionGeo.GeoEngine.Transit;

/// <summary>One row of GTFS <c>transfers.txt</c>.</summary>
/// <param name="FromStopId">from_stop_id.</param>
/// <param name="ToStopId">to_stop_id.</param>
/// <param name="TransferType">0 recommended, 1 timed, 2 minimum time, 3 not possible.</param>
/// <param name="MinTransferSeconds">min_transfer_time in seconds (0 when absent).</param>
public sealed record GtfsTransfer(string FromStopId, string ToStopId, int TransferType, int MinTransferSeconds);
