using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Osm;
using NetTopologySuite.Geometries;
using OsmSharp;
using OsmSharp.Streams;

namespace CohesionGeo.GeoEngine.Tests.Osm;

public class OsmNetworkReaderTests(NewportExtract newport) : IClassFixture<NewportExtract>
{
    private const int Walk = (int)TravelMode.Walk;
    private const int Cycle = (int)TravelMode.Cycle;
    private const int Drive = (int)TravelMode.Drive;

    [Fact]
    public void Real_primary_with_foot_no_is_closed_to_walkers_but_open_to_cars()
    {
        // Newport has no footway tagged foot=no; its primaries tagged foot=no are the real case of the tag.
        var cases = newport.WaysWhere(t => t("highway") == "primary" && t("foot") == "no").ToList();
        Assert.NotEmpty(cases);
        foreach (var (_, edges) in cases)
        {
            Assert.All(edges, e => Assert.True(e.Seconds[Walk] < 0 && e.ReverseSeconds[Walk] < 0));
        }

        Assert.Contains(cases, c => c.Edges.Any(e => e.Seconds[Drive] > 0 || e.ReverseSeconds[Drive] > 0));
        var footway = TravelProfiles.Evaluate(k => k switch { "highway" => "footway", "foot" => "no", _ => null });
        Assert.Equal(0, footway.ForwardKmh[Walk]);
        Assert.Equal(0, footway.BackwardKmh[Walk]);
    }

    [Fact]
    public void Real_private_service_roads_are_closed_to_every_mode()
    {
        var cases = newport.WaysWhere(t => t("highway") == "service" && t("access") == "private" && t("foot") is null && t("motor_vehicle") is null && t("motorcar") is null && t("bicycle") is null).ToList();
        Assert.True(cases.Count > 50, $"only {cases.Count} private service roads");
        foreach (var (_, edges) in cases)
        {
            Assert.All(edges, e => Assert.All(TravelModes.All, m => Assert.False(e.IsPassable(m))));
            Assert.All(edges, e => Assert.Equal("private", e.Access));
        }
    }

    [Fact]
    public void Real_oneway_primaries_and_roundabouts_bind_cars_and_not_walkers()
    {
        var oneway = newport.WaysWhere(t => t("highway") == "primary" && t("oneway") == "yes").ToList();
        var roundabouts = newport.WaysWhere(t => t("junction") == "roundabout" && t("oneway") is null).ToList();
        Assert.NotEmpty(oneway);
        Assert.NotEmpty(roundabouts);
        foreach (var (way, edges) in oneway.Concat(roundabouts))
        {
            foreach (var e in edges.Where(e => e.IsPassable(TravelMode.Drive)))
            {
                Assert.True(e.Seconds[Drive] > 0, $"way {way.Id} forward");
                Assert.True(e.ReverseSeconds[Drive] < 0, $"way {way.Id} is one-way for cars");
            }
        }

        Assert.Contains(oneway, c => c.Edges.Any(e => e.Seconds[Walk] > 0 && e.ReverseSeconds[Walk] > 0));
    }

    [Fact]
    public void Real_steps_are_for_walkers_only_and_construction_is_not_routable()
    {
        var steps = newport.WaysWhere(t => t("highway") == "steps" && t("bicycle") is null && t("access") is null).ToList();
        Assert.NotEmpty(steps);
        Assert.Contains(steps, c => c.Edges.Any(e => e.Seconds[Walk] > 0));
        Assert.All(steps, c => Assert.All(c.Edges, e => Assert.False(e.IsPassable(TravelMode.Drive))));
        Assert.All(steps, c => Assert.All(c.Edges, e => Assert.False(e.IsPassable(TravelMode.Cycle))));

        var construction = newport.Ways.Values.Where(w => w.Tags.TryGetValue("highway", out var h) && h == "construction").ToList();
        Assert.NotEmpty(construction);
        Assert.All(construction, w => Assert.False(newport.EdgesByWay.ContainsKey(w.Id!.Value)));
    }

    [Fact]
    public void Maxspeed_in_mph_caps_the_class_speed()
    {
        var cases = newport.WaysWhere(t => t("highway") is "primary" or "secondary" or "tertiary" && t("maxspeed") == "20 mph").ToList();
        Assert.NotEmpty(cases);
        var capped = 20 * TravelProfiles.MphToKmh; // below every DfT class speed of these roads
        foreach (var (_, edges) in cases)
        {
            foreach (var e in edges.Where(e => e.Seconds[Drive] > 0))
            {
                Assert.Equal(e.LengthMetres / (capped / 3.6), e.Seconds[Drive], 6);
            }
        }
    }

    [Fact]
    public void Ways_are_split_at_shared_nodes_and_keep_their_length_in_British_National_Grid()
    {
        var shared = new Dictionary<long, int>();
        var routable = newport.Ways.Values.Where(w => newport.EdgesByWay.ContainsKey(w.Id!.Value)).ToList();
        foreach (var w in routable)
        {
            foreach (var n in w.Nodes.Distinct())
            {
                shared[n] = shared.GetValueOrDefault(n) + 1;
            }
        }

        var vertexOsmIds = newport.Network.Nodes.Select(n => n.OsmId).ToHashSet();
        var checkedWays = 0;
        foreach (var w in routable.Where(w => w.Nodes.All(newport.NodePositions.ContainsKey)).Take(2000))
        {
            // Every node shared with another routable way is a vertex.
            Assert.All(w.Nodes.Where(n => shared[n] >= 2), n => Assert.Contains(n, vertexOsmIds));

            // The way's pieces add up to its whole length, measured independently here.
            var coords = w.Nodes.Select(n => newport.NodePositions[n]).Select(p => BritishNationalGrid.FromWgs84(p.Lon, p.Lat)).ToArray();
            var length = 0.0;
            for (var i = 1; i < coords.Length; i++)
            {
                length += Math.Sqrt(Math.Pow(coords[i].X - coords[i - 1].X, 2) + Math.Pow(coords[i].Y - coords[i - 1].Y, 2));
            }

            Assert.Equal(length, newport.EdgesByWay[w.Id!.Value].Sum(e => e.LengthMetres), 3);
            checkedWays++;
        }

        Assert.True(checkedWays > 1000);
        Assert.All(newport.Network.Edges.Take(5000), e => Assert.Equal(e.LengthMetres, e.Geometry!.Length, 6));
    }

    [Fact]
    public void Only_the_largest_piece_per_mode_is_routable_and_islands_are_reported()
    {
        Assert.Equal(3, newport.Network.Islands.Count);
        var edges = newport.Network.Edges;
        foreach (var report in newport.Network.Islands)
        {
            // Oracle: an undirected unit-cost copy of the mode's passable edges; one search must touch them all.
            var m = (int)report.Mode;
            var passable = edges.Select(e => e.IsPassable(report.Mode) ? 1.0 : -1.0).ToArray();
            var costs = Enumerable.Range(0, TravelModes.Count).Select(k => k == m ? passable : passable.Select(_ => -1.0).ToArray()).ToArray();
            var undirected = RoutingGraph.Build(newport.Network.Nodes.Count, edges.Select(e => e.Source).ToArray(), edges.Select(e => e.Target).ToArray(), costs, costs);
            var search = new CohesionGeo.GeoEngine.Routing.DijkstraSearch(undirected);
            var start = edges.First(e => e.IsPassable(report.Mode)).Source;
            search.Run(report.Mode, [new(start, 0)], CohesionGeo.GeoEngine.Routing.SearchOptions.Default);
            var seconds = search.Seconds.ToArray();
            Assert.All(edges.Where(e => e.IsPassable(report.Mode)), e => Assert.True(float.IsFinite(seconds[e.Source]) && float.IsFinite(seconds[e.Target])));
            Assert.Equal(report.KeptEdges, edges.Count(e => e.IsPassable(report.Mode)));
            Assert.True(report.Components > 1 && report.IslandEdges > 0, $"{report.Mode}: Newport has islands (car parks, clipped paths)");
        }
    }

    [Fact]
    public void A_non_pbf_file_is_refused_naming_the_cause()
    {
        var path = System.IO.Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "lon,lat\n-3.0,51.5\n");
            var ex = Assert.Throws<OsmImportException>(() => OsmNetworkReader.ReadFile(path));
            Assert.Contains("not an OSM PBF", ex.Message, StringComparison.Ordinal);
            File.WriteAllBytes(path, []);
            Assert.Contains("empty", Assert.Throws<OsmImportException>(() => OsmNetworkReader.ReadFile(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_truncated_pbf_is_refused_with_the_block_and_byte()
    {
        var bytes = File.ReadAllBytes(NewportExtract.FindData("osm/newport-small-2023.osm.pbf"));
        using var cut = new MemoryStream(bytes[..(bytes.Length * 2 / 3)]);
        var ex = Assert.Throws<OsmImportException>(() => OsmNetworkReader.Read(cut));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
        Assert.Contains("byte", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pbf_without_highways_is_refused()
    {
        using var pbf = new MemoryStream();
        {
            var target = new PBFOsmStreamTarget(pbf, compress: false);
            target.Initialize();
            target.AddNode(new Node { Id = 1, Latitude = 51.58, Longitude = -2.99, Version = 1 });
            target.AddNode(new Node { Id = 2, Latitude = 51.59, Longitude = -2.98, Version = 1 });
            target.AddWay(new Way { Id = 10, Nodes = [1, 2], Tags = new OsmSharp.Tags.TagsCollection(new OsmSharp.Tags.Tag("building", "yes")), Version = 1 });
            target.Flush();
            target.Close();
        }

        using var copy = new MemoryStream(pbf.ToArray());
        var ex = Assert.Throws<OsmImportException>(() => OsmNetworkReader.Read(copy));
        Assert.Contains("no way tagged highway", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_small_extract_reads_into_a_connected_walk_network()
    {
        var small = OsmNetworkReader.ReadFile(NewportExtract.FindData("osm/newport-small-2023.osm.pbf"));
        Assert.NotEmpty(small.Edges);
        Assert.All(small.Edges, e => Assert.IsType<LineString>(e.Geometry));
        Assert.Contains(small.Edges, e => e.IsPassable(TravelMode.Walk));
    }
}
