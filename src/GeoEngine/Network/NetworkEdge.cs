using NetTopologySuite.Geometries;

namespace CohesionGeo.GeoEngine.Network;

/// <summary>
/// One undirected piece of a way between two graph vertices, as stored in <c>network.edges</c>.
/// Costs are seconds per mode, indexed by <see cref="TravelMode"/>: <see cref="Seconds"/> from
/// <see cref="Source"/> to <see cref="Target"/>, <see cref="ReverseSeconds"/> the other way; a
/// negative value means the mode may not pass in that direction (pgRouting's convention).
/// </summary>
public sealed class NetworkEdge
{
    /// <summary>Index of the source vertex in <see cref="RoadNetwork.Nodes"/>.</summary>
    public required int Source { get; init; }

    /// <summary>Index of the target vertex in <see cref="RoadNetwork.Nodes"/>.</summary>
    public required int Target { get; init; }

    /// <summary>The OSM way this piece comes from (0 for synthetic networks).</summary>
    public long OsmWayId { get; init; }

    /// <summary>Length along the geometry, metres (EPSG:27700).</summary>
    public required double LengthMetres { get; init; }

    /// <summary>Seconds source→target per mode; negative = impassable.</summary>
    public required double[] Seconds { get; init; }

    /// <summary>Seconds target→source per mode; negative = impassable.</summary>
    public required double[] ReverseSeconds { get; init; }

    /// <summary>The line from source to target, EPSG:27700 (null for synthetic networks).</summary>
    public LineString? Geometry { get; init; }

    /// <summary>OSM <c>highway</c>.</summary>
    public string? Highway { get; init; }

    /// <summary>OSM <c>name</c>.</summary>
    public string? Name { get; init; }

    /// <summary>OSM <c>lit</c> (yes/no/…), as tagged.</summary>
    public string? Lit { get; init; }

    /// <summary>OSM <c>service</c> (e.g. <c>alley</c>).</summary>
    public string? Service { get; init; }

    /// <summary>OSM <c>footway</c> (sidewalk, crossing, …).</summary>
    public string? Footway { get; init; }

    /// <summary>OSM <c>access</c>.</summary>
    public string? Access { get; init; }

    /// <summary>Whether <paramref name="mode"/> may pass in either direction.</summary>
    public bool IsPassable(TravelMode mode) => Seconds[(int)mode] >= 0 || ReverseSeconds[(int)mode] >= 0;
}
