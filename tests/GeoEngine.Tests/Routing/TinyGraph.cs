using CohesionGeo.GeoEngine.Network;
using NetTopologySuite.Geometries;

namespace CohesionGeo.GeoEngine.Tests.Routing;

/// <summary>Hand-built test graphs: named vertices at given EPSG:27700-like coordinates, straight edges, explicit costs.</summary>
internal sealed class TinyGraph
{
    private readonly Dictionary<char, int> _index = [];
    private readonly List<Coordinate> _coords = [];
    private readonly List<(int A, int B, double[] Fwd, double[] Back)> _edges = [];

    public TinyGraph Node(char name, double x, double y)
    {
        _index[name] = _coords.Count;
        _coords.Add(new Coordinate(x, y));
        return this;
    }

    /// <summary>Adds edge a→b with the same cost for every mode, both ways.</summary>
    public TinyGraph Edge(char a, char b, double seconds) => Edge(a, b, [seconds, seconds, seconds], [seconds, seconds, seconds]);

    /// <summary>Adds edge a→b with per-mode costs (walk, cycle, drive); negative = impassable.</summary>
    public TinyGraph Edge(char a, char b, double[] forward, double[] backward)
    {
        _edges.Add((_index[a], _index[b], forward, backward));
        return this;
    }

    public int this[char name] => _index[name];

    public RoutingGraph Build()
    {
        var m = _edges.Count;
        var fwd = new double[TravelModes.Count][];
        var back = new double[TravelModes.Count][];
        for (var k = 0; k < TravelModes.Count; k++)
        {
            fwd[k] = _edges.Select(e => e.Fwd[k]).ToArray();
            back[k] = _edges.Select(e => e.Back[k]).ToArray();
        }

        var geometry = _edges.Select(e => (LineString?)BritishNationalGrid.Factory.CreateLineString([_coords[e.A], _coords[e.B]])).ToArray();
        return RoutingGraph.Build(_coords.Count, _edges.Select(e => e.A).ToArray(), _edges.Select(e => e.B).ToArray(), fwd, back, geometry);
    }
}
