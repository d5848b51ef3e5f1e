using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CohesionGeo.GeoEngine.Network;

namespace CohesionGeo.GeoEngine.Routing;

/// <summary>
/// The one Dijkstra of the engine: multi-source, optional cutoff, forward or reverse, with visitor
/// hooks. An instance owns its buffers (times, an indexed 4-ary heap, the list of reached
/// vertices) sized to the graph and reuses them run after run: the loop allocates nothing and a run
/// resets only the vertices the previous run touched. Not thread-safe: use one instance per thread.
/// Times are float seconds; unreached vertices hold +∞.
/// </summary>
public sealed class DijkstraSearch
{
    private readonly RoutingGraph _graph;
    private readonly float[] _seconds;
    private readonly int[] _reached;
    private readonly HeapEntry[] _heap;
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
        _heap = new HeapEntry[n];
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        // Bounds-check-free views: slot indexes come from the CSR offsets built by RoutingGraph, which
        // guarantees FirstSlot[v] <= FirstSlot[v + 1] <= SlotCount and targets < NodeCount.
        ref var first = ref MemoryMarshal.GetReference(_graph.FirstSlot);
        ref var target = ref MemoryMarshal.GetReference(_graph.SlotTarget);
        ref var cost = ref MemoryMarshal.GetReference(options.Direction == SearchDirection.Forward ? _graph.ForwardSeconds(mode) : _graph.BackwardSeconds(mode));
        ref var seconds = ref MemoryMarshal.GetArrayDataReference(_seconds);
        var unscaled = scale == 1f;
        var settled = 0;
        while (_heapCount > 0)
        {
            var u = PopMin(out var du);
            settled++;
            if (!visitor.OnSettled(u, du))
            {
                break;
            }

            var end = Unsafe.Add(ref first, u + 1);
            for (var s = Unsafe.Add(ref first, u); s < end; s++)
            {
                var c = Unsafe.Add(ref cost, s);
                var nd = du + (unscaled ? c : c * scale);
                var v = Unsafe.Add(ref target, s);
                if (nd < Unsafe.Add(ref seconds, v) && nd <= cutoff)
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
            _heapPos[_heap[i].Node] = -1;
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
            SiftUp(_heapCount++, v, t);
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

    // A 4-ary min-heap of (key, vertex) entries with each vertex's position, for decrease-key.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SiftUp(int i, int v, float t)
    {
        ref var heap = ref MemoryMarshal.GetArrayDataReference(_heap);
        ref var pos = ref MemoryMarshal.GetArrayDataReference(_heapPos);
        while (i > 0)
        {
            var parent = (i - 1) >> 2;
            var p = Unsafe.Add(ref heap, parent);
            if (p.Key <= t)
            {
                break;
            }

            Unsafe.Add(ref heap, i) = p;
            Unsafe.Add(ref pos, p.Node) = i;
            i = parent;
        }

        Unsafe.Add(ref heap, i) = new HeapEntry(t, v);
        Unsafe.Add(ref pos, v) = i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int PopMin(out float key)
    {
        ref var heap = ref MemoryMarshal.GetArrayDataReference(_heap);
        ref var pos = ref MemoryMarshal.GetArrayDataReference(_heapPos);
        var top = heap;
        key = top.Key;
        Unsafe.Add(ref pos, top.Node) = -2; // settled
        var last = --_heapCount;
        if (last > 0)
        {
            var moving = Unsafe.Add(ref heap, last);
            var i = 0;
            while (true)
            {
                var child = (i << 2) + 1;
                if (child >= last)
                {
                    break;
                }

                var best = child;
                var bestKey = Unsafe.Add(ref heap, child).Key;
                var stop = Math.Min(child + 4, last);
                for (var c = child + 1; c < stop; c++)
                {
                    var k = Unsafe.Add(ref heap, c).Key;
                    if (k < bestKey)
                    {
                        best = c;
                        bestKey = k;
                    }
                }

                if (bestKey >= moving.Key)
                {
                    break;
                }

                var b = Unsafe.Add(ref heap, best);
                Unsafe.Add(ref heap, i) = b;
                Unsafe.Add(ref pos, b.Node) = i;
                i = best;
            }

            Unsafe.Add(ref heap, i) = moving;
            Unsafe.Add(ref pos, moving.Node) = i;
        }

        return top.Node;
    }

    private readonly record struct HeapEntry(float Key, int Node);
}
