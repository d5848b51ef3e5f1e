using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CohesionGeo.GeoEngine.Network;

namespace CohesionGeo.GeoEngine.Routing;

/// <summary>
/// The one Dijkstra of the engine: multi-source, optional cutoff, forward or reverse, with visitor
/// hooks. The priority queue is a radix heap over the bit patterns of the (non-negative, float) times,
/// which is exact for Dijkstra's monotone pops; improved vertices are pushed again and stale entries
/// skipped. An instance owns its buffers (times, heap buckets, the list of reached vertices) and reuses
/// them run after run: once warm the loop allocates nothing, and a run resets only the vertices the
/// previous run touched. Not thread-safe: use one instance per thread (see <see cref="RoutingContext.RentSearch"/>).
/// Times are float seconds; unreached vertices hold +∞. <see cref="RunWithLengths"/> also carries each vertex's
/// route length (whole millimetres, the length of the fastest route found, off-network and partial-edge legs
/// included through the seeds): when a vertex is improved from <c>u</c> over slot <c>s</c>,
/// <c>length[v] = length[u] + slotLength[s]</c>. The time-only <see cref="Run"/> is a separate JIT specialisation
/// that never touches the length array.
/// </summary>
public sealed class DijkstraSearch
{
    private const int BucketCount = 33;
    private readonly RoutingGraph _graph;
    private readonly float[] _seconds;
    private readonly int[] _reached;
    private readonly Entry[][] _buckets = new Entry[BucketCount][];
    private readonly int[] _bucketSize = new int[BucketCount];
    private int _reachedCount;
    private int _queued;
    private uint _last;
    private int[] _lengthMm = [];

    /// <summary>Allocates the buffers for <paramref name="graph"/> (about 8 bytes per vertex plus the heap buckets).</summary>
    public DijkstraSearch(RoutingGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
        var n = graph.NodeCount;
        _seconds = new float[n];
        Array.Fill(_seconds, float.PositiveInfinity);
        _reached = new int[n];
        for (var b = 0; b < BucketCount; b++)
        {
            _buckets[b] = new Entry[64];
        }
    }

    /// <summary>The graph searched.</summary>
    public RoutingGraph Graph => _graph;

    /// <summary>Seconds per vertex from (forward) or to (reverse) the nearest seed after the last run; +∞ = not reached.</summary>
    public ReadOnlySpan<float> Seconds => _seconds;

    /// <summary>The vertices reached by the last run (times ≤ cutoff), in no particular order.</summary>
    public ReadOnlySpan<int> Reached => _reached.AsSpan(0, _reachedCount);

    /// <summary>
    /// Route length in whole millimetres per vertex after the last <see cref="RunWithLengths"/>: the length of the
    /// fastest route found from (forward) or to (reverse) the seeds, including the seed's own length. Meaningful
    /// only for vertices with a finite <see cref="Seconds"/>; empty before the first such run.
    /// </summary>
    public ReadOnlySpan<int> LengthsMm => _lengthMm;

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
        where TVisitor : struct, ISearchVisitor =>
        RunCore<TVisitor, TimeOnly>(mode, seeds, default, options, ref visitor);

    /// <summary>
    /// As <see cref="Run"/> (same times, same order), and also the route length of every reached vertex in
    /// <see cref="LengthsMm"/>; <paramref name="seedLengthsMm"/>[i] is seed i's own length (e.g. the off-network
    /// leg plus the partial edge, millimetres). Needs a graph with lengths (<see cref="RoutingGraph.HasLengths"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The graph holds no edge lengths.</exception>
    public void RunWithLengths(TravelMode mode, ReadOnlySpan<Seed> seeds, ReadOnlySpan<int> seedLengthsMm, SearchOptions options)
    {
        if (!_graph.HasLengths)
        {
            throw new InvalidOperationException("The graph holds no edge lengths (built without geometry or lengths).");
        }

        if (seedLengthsMm.Length != seeds.Length)
        {
            throw new ArgumentException("One length per seed.", nameof(seedLengthsMm));
        }

        if (_lengthMm.Length != _graph.NodeCount)
        {
            _lengthMm = new int[_graph.NodeCount];
        }

        var visitor = default(NoVisitor);
        RunCore<NoVisitor, WithLengths>(mode, seeds, seedLengthsMm, options, ref visitor);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunCore<TVisitor, TLengths>(TravelMode mode, ReadOnlySpan<Seed> seeds, ReadOnlySpan<int> seedLengthsMm, SearchOptions options, ref TVisitor visitor)
        where TVisitor : struct, ISearchVisitor
        where TLengths : struct
    {
        Reset();
        var cutoff = options.CutoffSeconds;
        var scale = options.CostScale;
        if (!(scale > 0) || !float.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "CostScale must be a positive finite number.");
        }

        for (var i = 0; i < seeds.Length; i++)
        {
            var seed = seeds[i];
            if ((uint)seed.Node >= (uint)_graph.NodeCount)
            {
                throw new ArgumentOutOfRangeException(nameof(seeds), $"Seed vertex {seed.Node} is outside the graph (0..{_graph.NodeCount - 1}).");
            }

            var t = seed.Seconds + 0f; // -0 → +0: the heap orders by bit pattern
            if (t >= 0 && t <= cutoff && t < _seconds[seed.Node])
            {
                if (typeof(TLengths) == typeof(WithLengths))
                {
                    _lengthMm[seed.Node] = seedLengthsMm[i];
                }

                Improve(seed.Node, t);
            }
        }

        // Bounds-check-free views: slot indexes come from the CSR offsets built by RoutingGraph, which
        // guarantees FirstSlot[v] <= FirstSlot[v + 1] <= SlotCount and targets < NodeCount.
        ref var first = ref MemoryMarshal.GetReference(_graph.FirstSlot);
        ref var target = ref MemoryMarshal.GetReference(_graph.SlotTarget);
        ref var cost = ref MemoryMarshal.GetReference(options.Direction == SearchDirection.Forward ? _graph.ForwardSeconds(mode) : _graph.BackwardSeconds(mode));
        ref var seconds = ref MemoryMarshal.GetArrayDataReference(_seconds);
        ref var slotLength = ref MemoryMarshal.GetReference(_graph.SlotLengthMm);
        ref var length = ref MemoryMarshal.GetArrayDataReference(_lengthMm);
        var unscaled = scale == 1f;
        var settled = 0;
        while (TryPop(out var u, out var du))
        {
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
                    if (typeof(TLengths) == typeof(WithLengths))
                    {
                        // JIT-time constant: the time-only specialisation has no trace of this.
                        Unsafe.Add(ref length, v) = Unsafe.Add(ref length, u) + Unsafe.Add(ref slotLength, s);
                    }

                    Improve(v, nd);
                }
            }
        }

        SettledCount = settled;
    }

    private void Reset()
    {
        for (var i = 0; i < _reachedCount; i++)
        {
            _seconds[_reached[i]] = float.PositiveInfinity;
        }

        Array.Clear(_bucketSize);
        _reachedCount = 0;
        _queued = 0;
        _last = 0;
        SettledCount = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Improve(int v, float t)
    {
        if (float.IsPositiveInfinity(_seconds[v]))
        {
            _reached[_reachedCount++] = v;
        }

        _seconds[v] = t;
        Push(BitConverter.SingleToUInt32Bits(t), v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Push(uint key, int node)
    {
        var b = key == _last ? 0 : 32 - BitOperations.LeadingZeroCount(key ^ _last);
        var size = _bucketSize[b];
        var bucket = _buckets[b];
        if (size == bucket.Length)
        {
            Array.Resize(ref _buckets[b], size * 2);
            bucket = _buckets[b];
        }

        bucket[size] = new Entry(key, node);
        _bucketSize[b] = size + 1;
        _queued++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryPop(out int node, out float key)
    {
        while (_queued > 0)
        {
            if (_bucketSize[0] == 0)
            {
                var i = 1;
                while (_bucketSize[i] == 0)
                {
                    i++;
                }

                // The smallest key in the first non-empty bucket becomes the new base; redistribute.
                var items = _buckets[i];
                var count = _bucketSize[i];
                var min = uint.MaxValue;
                for (var j = 0; j < count; j++)
                {
                    min = Math.Min(min, items[j].Key);
                }

                _last = min;
                _bucketSize[i] = 0;
                _queued -= count;
                for (var j = 0; j < count; j++)
                {
                    Push(items[j].Key, items[j].Node);
                }
            }

            var e = _buckets[0][--_bucketSize[0]];
            _queued--;
            if (e.Key == BitConverter.SingleToUInt32Bits(_seconds[e.Node]))
            {
                node = e.Node;
                key = BitConverter.UInt32BitsToSingle(e.Key);
                return true;
            }

            // Stale: the vertex was improved after this entry was queued (or already settled at this key).
        }

        node = -1;
        key = float.PositiveInfinity;
        return false;
    }

    private readonly record struct Entry(uint Key, int Node);

    /// <summary>Type switch of <see cref="RunCore"/>: times only.</summary>
    private struct TimeOnly;

    /// <summary>Type switch of <see cref="RunCore"/>: times and route lengths.</summary>
    private struct WithLengths;
}
