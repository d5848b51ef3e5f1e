using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Osm;
using OsmSharp;
using OsmSharp.Streams;

namespace CohesionGeo.GeoEngine.Tests.Osm;

/// <summary>The real Newport extract read twice: raw (OsmSharp, as the oracle for tags and node positions) and as our network.</summary>
public sealed class NewportExtract
{
    public NewportExtract()
    {
        Path = FindData("osm/newport-2023-06-13.osm.pbf");
        Network = OsmNetworkReader.ReadFile(Path);
        using var stream = File.OpenRead(Path);
        foreach (var geo in new PBFOsmStreamSource(stream))
        {
            switch (geo)
            {
                case Node { Id: { } id, Longitude: { } lon, Latitude: { } lat }:
                    NodePositions[id] = (lon, lat);
                    break;
                case Way { Id: { } id } way when way.Tags is not null && way.Tags.ContainsKey("highway"):
                    Ways[id] = way;
                    break;
            }
        }

        EdgesByWay = Network.Edges.GroupBy(e => e.OsmWayId).ToDictionary(g => g.Key, g => g.ToList());
    }

    public string Path { get; }

    public RoadNetwork Network { get; }

    public Dictionary<long, (double Lon, double Lat)> NodePositions { get; } = [];

    public Dictionary<long, Way> Ways { get; } = [];

    public Dictionary<long, List<NetworkEdge>> EdgesByWay { get; }

    public static string FindData(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "data", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"data/{relative} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>Routable ways whose tags match, with their edges (ways wholly in the largest pieces only where asked).</summary>
    public IEnumerable<(Way Way, List<NetworkEdge> Edges)> WaysWhere(Func<Func<string, string?>, bool> match) =>
        Ways.Values
            .Where(w => match(k => w.Tags.TryGetValue(k, out var v) ? v : null))
            .Select(w => (w, EdgesByWay.GetValueOrDefault(w.Id!.Value) ?? []))
            .Where(x => x.Item2.Count > 0);
}
