namespace CohesionGeo.GeoEngine.Transit;

/// <summary>Destinations of a RAPTOR search as CSR arrays: target j is reached from stops <c>Stops[Offsets[j]..Offsets[j+1])</c> plus <c>Seconds[...]</c> of walking.</summary>
public sealed class EgressTargets
{
    public EgressTargets(IReadOnlyList<IReadOnlyList<StopLeg>> legsPerTarget)
    {
        ArgumentNullException.ThrowIfNull(legsPerTarget);
        Offsets = new int[legsPerTarget.Count + 1];
        var stops = new List<int>();
        var seconds = new List<int>();
        for (var j = 0; j < legsPerTarget.Count; j++)
        {
            foreach (var leg in legsPerTarget[j])
            {
                stops.Add(leg.Stop);
                seconds.Add(leg.Seconds);
            }

            Offsets[j + 1] = stops.Count;
        }

        Stops = [.. stops];
        Seconds = [.. seconds];
    }

    public int[] Offsets { get; }

    public int[] Stops { get; }

    public int[] Seconds { get; }

    public int Count => Offsets.Length - 1;

    /// <summary>Every stop of the timetable as its own target, reached with no egress walk.</summary>
    public static EgressTargets AllStops(Timetable timetable)
    {
        ArgumentNullException.ThrowIfNull(timetable);
        return new EgressTargets([.. Enumerable.Range(0, timetable.StopCount).Select(s => (IReadOnlyList<StopLeg>)[new StopLeg(s, 0)])]);
    }
}
