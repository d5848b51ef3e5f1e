using System.Diagnostics;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// Where one dossier's time goes: <see cref="Mark"/> closes a stage (milliseconds since the previous mark).
/// Filled only when a caller passes one (<c>./cohesiongeo bench sites</c>); the endpoint passes none.
/// </summary>
internal sealed class DossierProfile
{
    private long _last = Stopwatch.GetTimestamp();

    /// <summary>Stages in order, milliseconds each (a stage met twice is summed).</summary>
    public List<(string Stage, double Ms)> Stages { get; } = [];

    /// <summary>Closes the stage named <paramref name="stage"/>.</summary>
    public void Mark(string stage)
    {
        var now = Stopwatch.GetTimestamp();
        var ms = Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds;
        _last = now;
        var i = Stages.FindIndex(s => s.Stage == stage);
        if (i >= 0)
        {
            Stages[i] = (stage, Stages[i].Ms + ms);
        }
        else
        {
            Stages.Add((stage, ms));
        }
    }
}
