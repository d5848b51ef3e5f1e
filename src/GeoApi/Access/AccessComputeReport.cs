namespace CohesionGeo.GeoApi.Access;

/// <summary>What a compute run did and how long each stage took (seconds, wall clock).</summary>
public sealed class AccessComputeReport
{
    public List<string> Kinds { get; } = [];

    public int Dwellings { get; set; }

    /// <summary>Dwellings linked to the network per mode (the rest are more than 1 km from a usable edge).</summary>
    public Dictionary<string, int> LinkedDwellings { get; } = new(StringComparer.Ordinal);

    /// <summary>Facilities used per kind and mode (linked to the network) and facilities of that kind in all.</summary>
    public Dictionary<string, (int Linked, int Total)> Facilities { get; } = new(StringComparer.Ordinal);

    /// <summary>Seconds per stage, in order.</summary>
    public List<(string Stage, double Seconds)> Stages { get; } = [];

    public double TotalSeconds => Stages.Sum(s => s.Seconds);

    public void Add(string stage, double seconds)
    {
        var i = Stages.FindIndex(s => s.Stage == stage);
        if (i >= 0)
        {
            Stages[i] = (stage, Stages[i].Seconds + seconds);
        }
        else
        {
            Stages.Add((stage, seconds));
        }
    }

    public string OneLine() => Kinds.Count == 0
        ? "access results are up to date"
        : $"{Kinds.Count} kinds × {LinkedDwellings.Count} modes over {Dwellings} dwellings in {TotalSeconds:0.0} s ({string.Join(", ", Stages.Select(s => $"{s.Stage} {s.Seconds:0.00} s"))})";
}
