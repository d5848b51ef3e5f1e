using CohesionGeo.GeoEngine.Network;
using NetTopologySuite.Geometries;
using OsmSharp;
using OsmSharp.Streams;

namespace CohesionGeo.GeoEngine.Osm;

/// <summary>
/// Reads an <c>.osm.pbf</c> (OsmSharp) into a <see cref="RoadNetwork"/>: every way with a routable
/// <c>highway</c> is split at nodes shared with other routable ways (and at its ends); each piece keeps
/// its geometry and its length in metres, both in EPSG:27700 (transformed from WGS84 with the embedded
/// TOWGS84, see <see cref="BritishNationalGrid"/>); ways closed to every mode by access tags are kept
/// with impassable costs (-1); costs come from <see cref="TravelProfiles"/>,
/// evaluated once per distinct tag set; then only the largest connected piece per mode stays routable
/// (<see cref="LargestComponentFilter"/>). Ways referring to nodes missing from the extract are cut at
/// the gap. The whole file is held in memory (fine for a city; a region needs more RAM).
/// </summary>
public static class OsmNetworkReader
{
    /// <summary>Reads a PBF file.</summary>
    /// <exception cref="OsmImportException">Missing, not a PBF, truncated, or without routable highways.</exception>
    public static RoadNetwork ReadFile(string path, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        if (!File.Exists(path))
        {
            throw new OsmImportException($"No such file: {path}.");
        }

        using var stream = File.OpenRead(path);
        return Read(stream, progress, ct);
    }

    /// <summary>Reads a seekable PBF stream; progress goes from 0 to 1.</summary>
    /// <exception cref="OsmImportException">Not a PBF, truncated, or without routable highways.</exception>
    public static RoadNetwork Read(Stream stream, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        PbfFraming.Validate(stream);

        var coordinates = new Dictionary<long, (double Lon, double Lat)>();
        var ways = new List<RawWay>();
        var profiles = new Dictionary<string, WayProfile>(StringComparer.Ordinal);
        long nodeCount = 0, wayCount = 0, highwayWays = 0;
        var keyBuilder = new System.Text.StringBuilder();
        try
        {
            using var source = new PBFOsmStreamSource(stream);
            var seen = 0;
            foreach (var geo in source)
            {
                if (++seen % 20_000 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(0.8 * stream.Position / Math.Max(1, stream.Length));
                }

                switch (geo)
                {
                    case Node { Id: { } id, Latitude: { } lat, Longitude: { } lon }:
                        nodeCount++;
                        coordinates[id] = (lon, lat);
                        break;
                    case Way { Id: { } wid, Nodes: { Length: >= 2 } refs } way:
                        wayCount++;
                        var tags = way.Tags;
                        if (tags is null || !tags.TryGetValue("highway", out _))
                        {
                            break;
                        }

                        highwayWays++;
                        keyBuilder.Clear();
                        foreach (var k in TravelProfiles.ProfileKeys)
                        {
                            keyBuilder.Append(tags.TryGetValue(k, out var v) ? v : string.Empty).Append('\u001f');
                        }

                        var key = keyBuilder.ToString();
                        if (!profiles.TryGetValue(key, out var profile))
                        {
                            profile = TravelProfiles.Evaluate(k => tags.TryGetValue(k, out var v) ? v : null);
                            profiles[key] = profile;
                        }

                        // Never-routable classes (construction, proposed, platforms…) are dropped; ways closed
                        // by access (private, no) are kept with impassable costs for the map and DOCO layers.
                        if (ReferenceEquals(profile, WayProfile.None))
                        {
                            break;
                        }

                        ways.Add(new RawWay(wid, refs, profile, Get(tags, "highway"), Get(tags, "name"), Get(tags, "lit"), Get(tags, "service"), Get(tags, "footway"), Get(tags, "access")));
                        break;
                    case Way:
                        wayCount++;
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OsmImportException)
        {
            throw new OsmImportException($"The file could not be decoded as OSM PBF: {ex.Message}", ex);
        }

        if (!ways.Any(w => w.Profile.IsRoutable))
        {
            throw new OsmImportException(highwayWays == 0
                ? $"The file holds {nodeCount:N0} nodes and {wayCount:N0} ways but no way tagged highway=*: there is no road or path network in it."
                : $"The file holds {highwayWays:N0} highway ways but none any mode may use (all construction, proposed, platforms or closed to everyone).");
        }

        var network = Build(ways, coordinates, ct);
        progress?.Report(0.95);
        var filtered = LargestComponentFilter.Apply(network);
        progress?.Report(1.0);
        return filtered;
    }

    private static string? Get(OsmSharp.Tags.TagsCollectionBase tags, string key) => tags.TryGetValue(key, out var v) ? v : null;

    private static RoadNetwork Build(List<RawWay> ways, Dictionary<long, (double Lon, double Lat)> coordinates, CancellationToken ct)
    {
        // A node becomes a vertex when two routable ways (or two places of one way) use it, or it ends a way.
        var uses = new Dictionary<long, int>();
        foreach (var w in ways)
        {
            for (var i = 0; i < w.Refs.Length; i++)
            {
                var extra = i == 0 || i == w.Refs.Length - 1 ? 2 : 1;
                uses[w.Refs[i]] = uses.GetValueOrDefault(w.Refs[i]) + extra;
            }
        }

        var vertexOf = new Dictionary<long, int>();
        var nodes = new List<NetworkNode>();
        var projected = new Dictionary<long, Coordinate>();
        var edges = new List<NetworkEdge>();
        var piece = new List<long>();
        var factory = BritishNationalGrid.Factory;

        Coordinate Project(long id)
        {
            if (!projected.TryGetValue(id, out var c))
            {
                var (lon, lat) = coordinates[id];
                var (x, y) = BritishNationalGrid.FromWgs84(lon, lat);
                c = new Coordinate(x, y);
                projected[id] = c;
            }

            return c;
        }

        int Vertex(long id)
        {
            if (!vertexOf.TryGetValue(id, out var v))
            {
                var c = Project(id);
                v = nodes.Count;
                nodes.Add(new NetworkNode(id, c.X, c.Y));
                vertexOf[id] = v;
            }

            return v;
        }

        void Emit(RawWay w)
        {
            // piece: node ids from one vertex to the next, all with coordinates.
            var coords = new List<Coordinate>(piece.Count);
            foreach (var id in piece)
            {
                var c = Project(id);
                if (coords.Count == 0 || !coords[^1].Equals2D(c))
                {
                    coords.Add(c);
                }
            }

            if (coords.Count < 2)
            {
                return;
            }

            var line = factory.CreateLineString(coords.ToArray());
            var length = line.Length;
            var seconds = new double[TravelModes.Count];
            var reverse = new double[TravelModes.Count];
            for (var m = 0; m < TravelModes.Count; m++)
            {
                seconds[m] = WayProfile.Seconds(length, w.Profile.ForwardKmh[m]);
                reverse[m] = WayProfile.Seconds(length, w.Profile.BackwardKmh[m]);
            }

            edges.Add(new NetworkEdge
            {
                Source = Vertex(piece[0]),
                Target = Vertex(piece[^1]),
                OsmWayId = w.Id,
                LengthMetres = length,
                Seconds = seconds,
                ReverseSeconds = reverse,
                Geometry = line,
                Highway = w.Highway,
                Name = w.Name,
                Lit = w.Lit,
                Service = w.Service,
                Footway = w.Footway,
                Access = w.Access,
            });
        }

        var done = 0;
        foreach (var w in ways)
        {
            if (++done % 5000 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            piece.Clear();
            for (var i = 0; i < w.Refs.Length; i++)
            {
                var id = w.Refs[i];
                if (!coordinates.ContainsKey(id))
                {
                    // Gap (node outside the extract): close the piece at the last vertex-able node.
                    if (piece.Count >= 2)
                    {
                        Emit(w);
                    }

                    piece.Clear();
                    continue;
                }

                piece.Add(id);
                var isVertex = uses[id] >= 2 || i == 0 || i == w.Refs.Length - 1 || piece.Count == 1;
                if (isVertex && piece.Count >= 2)
                {
                    Emit(w);
                    piece.Clear();
                    piece.Add(id);
                }
            }
        }

        return new RoadNetwork(nodes, edges);
    }

    private sealed record RawWay(long Id, long[] Refs, WayProfile Profile, string? Highway, string? Name, string? Lit, string? Service, string? Footway, string? Access);
}
