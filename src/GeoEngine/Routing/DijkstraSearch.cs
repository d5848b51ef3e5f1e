using System.Runtime.CompilerServices;
using CohesionGeo.GeoEngine.Network;

namespace CohesionGeo.GeoEngine.Routing;

/// <summary>
/// The one Dijkstra of the engine: multi-source, optional cutoff, forward or reverse, with visitor
/// hooks. An instance owns its buffers (times, an indexed binary heap, the list of reached
/// vertices) sized to the graph and reuses them run after run: the loop allocates nothing and a run
/// resets only the vertices the previous run touched. Not thread-safe: use one instance per thread.
/// Times are float seconds; unreached vertices hold +∞.
/// </summary>
public sealed class DijkstraSearch
{
    private readonly RoutingGraph _graph;
    private readonly float[] _seconds;
    private readonly int[] _reached;
    private readonly int[] _heapNode;
    private readonly float[] _heapKey;
    private readonly int[] _heapPos;
    private int _reachedCount;
    private int _heapCount;

    /// <summary>Allocates the buffers for <paramref name="graph"/> (about 20 bytes per vertex).</summary>
    public DijkstraSearch(RoutingGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
        var n = graph.NodeCount;
        _seconds = new float[n];
        Array.Fill(_seconds, float.PositiveInfinity);
        _reached = new int[n];
        _heapNode = new int[n];
        _heapKey = new float[n];
        _heapPos = new int[n];
        Array.Fill(_heapPos, -1);
    }

    /// <summary>The graph searched.</summary>
    public RoutingGraph Graph => _graph;

    /// <summary>Seconds per vertex from (forward) or to (reverse) the nearest seed after the last run; +∞ = not reached.</summary>
    public ReadOnlySpan<float> Seconds => _seconds;

    /// <summary>The vertices reached by the last run (times ≤ cutoff), in no particular order.</summary>
    public ReadOnlySpan<int> Reached => _reached.AsSpan(0, _reachedCount);

    /// <summary>Vertices settled by the last run.</summary>
    public int SettledCount { get; private set; }

    /// <summary>Runs without a visitor.</summary>
    public void Run(TravelMode mode, ReadOnlySpan<Seed> seeds, SearchOptions options)
    {
        var visitor = default(NoVisitor);
        Run(mode, seeds, options, ref visitor);
    }

    /// <summary>
    /// Runs a search from <paramref name="seeds"/> (several seeds = nearest of them). Seeds with
    /// negative, NaN or over-cutoff times are ignored. The visitor sees each vertex once, in order of time.
    /// </summary>
    public void Run<TVisitor>(TravelMode mode, ReadOnlySpan<Seed> seeds, SearchOptions options, ref TVisitor visitor)
        where TVisitor : struct, ISearchVisitor
    {
        Reset();
        var cutoff = options.CutoffSeconds;
        var scale = options.CostScale;
        if (!(scale > 0) || !float.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "CostScale must be a positive finite number.");
        }

        foreach (var seed in seeds)
        {
            if ((uint)seed.Node >= (uint)_graph.NodeCount)
            {
                throw new ArgumentOutOfRangeException(nameof(seeds), $"Seed vertex {seed.Node} is outside the graph (0..{_graph.NodeCount - 1}).");
            }

            if (seed.Seconds >= 0 && seed.Seconds <= cutoff)
            {
                Improve(seed.Node, seed.Seconds);
            }
        }

        var first = _graph.FirstSlot;
        var target = _graph.SlotTarget;
        var cost = options.Direction == SearchDirection.Forward ? _graph.ForwardSeconds(mode) : _graph.BackwardSeconds(mode);
        var settled = 0;
        while (_heapCount > 0)
        {
            var u = PopMin(out var du);
            settled++;
            if (!visitor.OnSettled(u, du))
            {
                break;
            }

            var end = first[u + 1];
            for (var s = first[u]; s < end; s++)
            {
                var nd = du + (cost[s] * scale);
                var v = target[s];
                if (nd < _seconds[v] && nd <= cutoff)
                {
                    Improve(v, nd);
                }
            }
        }

        SettledCount = settled;
        _heapCount = 0;
    }

    private void Reset()
    {
        for (var i = 0; i < _reachedCount; i++)
        {
            var v = _reached[i];
            _seconds[v] = float.PositiveInfinity;
            _heapPos[v] = -1;
        }

        for (var i = 0; i < _heapCount; i++)
        {
            _heapPos[_heapNode[i]] = -1;
        }

        _reachedCount = 0;
        _heapCount = 0;
        SettledCount = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Improve(int v, float t)
    {
        if (float.IsPositiveInfinity(_seconds[v]))
        {
            _reached[_reachedCount++] = v;
            _seconds[v] = t;
            var i = _heapCount++;
            SiftUp(i, v, t);
            return;
        }

        if (t >= _seconds[v])
        {
            return;
        }

        _seconds[v] = t;
        var pos = _heapPos[v];
        if (pos >= 0)
        {
            SiftUp(pos, v, t);
        }
    }

    private void SiftUp(int i, int v, float t)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            var pk = _heapKey[parent];
            if (pk <= t)
            {
                break;
            }

            var pn = _heapNode[parent];
            _heapNode[i] = pn;
            _heapKey[i] = pk;
            _heapPos[pn] = i;
            i = parent;
        }

        _heapNode[i] = v;
        _heapKey[i] = t;
        _heapPos[v] = i;
    }

    private int PopMin(out float key)
    {
        var top = _heapNode[0];
        key = _heapKey[0];
        _heapPos[top] = -2; // settled
        var last = --_heapCount;
        if (last > 0)
        {
            var v = _heapNode[last];
            var t = _heapKey[last];
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= last)
                {
                    break;
                }

                var ck = _heapKey[child];
                if (child + 1 < last && _heapKey[child + 1] < ck)
                {
                    child++;
                    ck = _heapKey[child];
                }

                if (ck >= t)
                {
                    break;
                }

                var cn = _heapNode[child];
                _heapNode[i] = cn;
                _heapKey[i] = ck;
                _heapPos[cn] = i;
                i = child;
            }

            _heapNode[i] = v;
            _heapKey[i] = t;
            _heapPos[v] = i;
        }

        return top;
    }
}
