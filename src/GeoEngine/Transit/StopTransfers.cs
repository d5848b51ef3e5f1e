namespace CohesionGeo.GeoEngine.Transit;

/// <summary>Walking transfers between stops as CSR arrays: from stop s to <c>Targets[Offsets[s]..Offsets[s+1])</c> in <c>Seconds[...]</c>.</summary>
public sealed class StopTransfers
{
    public StopTransfers(int stopCount, IEnumerable<(int From, int To, int Seconds)> transfers)
    {
        ArgumentNullException.ThrowIfNull(transfers);
        var best = new Dictionary<(int, int), int>();
        foreach (var (from, to, seconds) in transfers)
        {
            if (from == to)
            {
                continue;
            }

            best[(from, to)] = best.TryGetValue((from, to), out var s) ? Math.Min(s, seconds) : seconds;
        }

        var list = best.OrderBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2).ToList();
        Offsets = new int[stopCount + 1];
        Targets = new int[list.Count];
        Seconds = new int[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            Offsets[list[i].Key.Item1 + 1]++;
            Targets[i] = list[i].Key.Item2;
            Seconds[i] = list[i].Value;
        }

        for (var s = 0; s < stopCount; s++)
        {
            Offsets[s + 1] += Offsets[s];
        }
    }

    public int[] Offsets { get; }

    public int[] Targets { get; }

    public int[] Seconds { get; }

    public int Count => Targets.Length;

    /// <summary>
    /// Adds GTFS transfers.txt minimum times: a walking transfer between those stops takes at least
    /// the minimum (a pair only in transfers.txt is added with its minimum time).
    /// </summary>
    public static StopTransfers WithMinimumTimes(Timetable timetable, IEnumerable<(int From, int To, int Seconds)> walking)
    {
        ArgumentNullException.ThrowIfNull(timetable);
        var all = walking.ToDictionary(t => (t.From, t.To), t => t.Seconds);
        foreach (var (from, to, seconds) in timetable.MinimumTransfers)
        {
            all[(from, to)] = all.TryGetValue((from, to), out var w) ? Math.Max(w, seconds) : seconds;
        }

        return new StopTransfers(timetable.StopCount, all.Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value)));
    }
}
