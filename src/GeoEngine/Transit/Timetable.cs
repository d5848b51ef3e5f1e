namespace CohesionGeo.GeoEngine.Transit;

/// <summary>
/// The timetable of one service date as flat arrays, ready for RAPTOR. Times are seconds after
/// midnight of <see cref="ServiceDate"/> (local time): trips of the previous service day that run
/// past midnight appear shifted by −86,400 s, early trips of the next day by +86,400 s. Trips are
/// grouped into patterns (same feed, route, stop sequence and pickup/drop-off rules); within a
/// pattern trips are sorted by departure and never overtake each other (a pattern is split when
/// they would). Stops of several feeds are numbered together; a stop key is <c>feed:stop_id</c>.
/// </summary>
public sealed class Timetable
{
    /// <summary>Flag in <see cref="PatternStopFlags"/>: passengers may board.</summary>
    public const byte CanBoard = 1;

    /// <summary>Flag in <see cref="PatternStopFlags"/>: passengers may alight.</summary>
    public const byte CanAlight = 2;

    public required DateOnly ServiceDate { get; init; }

    /// <summary>Feed names, in the order their stops were numbered.</summary>
    public required string[] Feeds { get; init; }

    /// <summary><c>feed:stop_id</c> per stop.</summary>
    public required string[] StopKeys { get; init; }

    public required string[] StopNames { get; init; }

    /// <summary>WGS84 position per stop (NaN for entrances or nodes without coordinates).</summary>
    public required LonLat[] StopPositions { get; init; }

    /// <summary>Pattern p visits <c>PatternStops[PatternStopOffsets[p] .. PatternStopOffsets[p+1])</c>.</summary>
    public required int[] PatternStopOffsets { get; init; }

    public required int[] PatternStops { get; init; }

    /// <summary><see cref="CanBoard"/>/<see cref="CanAlight"/> per pattern stop, parallel to <see cref="PatternStops"/>.</summary>
    public required byte[] PatternStopFlags { get; init; }

    /// <summary>Pattern p runs trips <c>PatternTripOffsets[p] .. PatternTripOffsets[p+1]</c>, sorted by departure.</summary>
    public required int[] PatternTripOffsets { get; init; }

    /// <summary>Route index (into <see cref="RouteNames"/>) per pattern.</summary>
    public required int[] PatternRoutes { get; init; }

    /// <summary>Trip t's times at its pattern's i-th stop are at <c>TripTimeOffsets[t] + i</c>.</summary>
    public required int[] TripTimeOffsets { get; init; }

    /// <summary>trip_id per trip (frequency-expanded trips repeat their template's id).</summary>
    public required string[] TripIds { get; init; }

    public required int[] Arrivals { get; init; }

    public required int[] Departures { get; init; }

    /// <summary>"feed route_short_name" per route.</summary>
    public required string[] RouteNames { get; init; }

    /// <summary>GTFS route_type per route.</summary>
    public required int[] RouteTypes { get; init; }

    /// <summary>Stop s is visited at <c>StopPatternRefs[StopPatternOffsets[s] .. StopPatternOffsets[s+1])</c> (CSR).</summary>
    public required int[] StopPatternOffsets { get; init; }

    /// <summary>Indices into <see cref="PatternStops"/> (one per visit of a stop by a pattern).</summary>
    public required int[] StopPatternRefs { get; init; }

    /// <summary>Pattern of each entry of <see cref="PatternStops"/>.</summary>
    public required int[] PatternOfStopRef { get; init; }

    /// <summary>GTFS transfers.txt minimum times between stops (type 2), as (from, to, seconds).</summary>
    public required (int From, int To, int Seconds)[] MinimumTransfers { get; init; }

    public int StopCount => StopKeys.Length;

    public int PatternCount => PatternRoutes.Length;

    public int TripCount => TripTimeOffsets.Length;

    /// <summary>Index of a stop by <c>feed:stop_id</c>, or −1.</summary>
    public int FindStop(string feed, string stopId) => Array.IndexOf(StopKeys, feed + ":" + stopId);
}
