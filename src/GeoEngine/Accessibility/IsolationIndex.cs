namespace CohesionGeo.GeoEngine.Accessibility;

/// <summary>
/// The isolation index, built to be explained in one sentence per area:
/// for each of the services people most need to reach on foot or by bus — GP, day centre, youth
/// club (<see cref="Services"/>) — take the area's median dwelling time by the better of walking
/// and public transport (walking alone until transit results exist); cap it at 60 minutes and
/// divide by 60, so 0 is "on the doorstep" and 1 is "an hour or more, or not reachable"; the index
/// is 100 × the mean of the three. Areas are ranked from the highest index (rank 1, most isolated);
/// ties go to the area with more dwellings beyond 30 minutes on average, then by code. Each rank
/// carries the minutes, mode and share beyond 30 minutes of every service, and the area's
/// rural–urban class and WIMD rank are shown beside it, not mixed in: a rural area far from a GP is
/// expected; an urban one is a finding. A service with no figures at all scores 1 (unreachable).
/// </summary>
public static class IsolationIndex
{
    /// <summary>The services combined, in order.</summary>
    public static IReadOnlyList<string> Services { get; } = [Places.FacilityKinds.Gp, Places.FacilityKinds.DayCentre, Places.FacilityKinds.YouthClub];

    /// <summary>Minutes at which a service's component reaches 1.</summary>
    public const double CapMinutes = 60;

    /// <summary>One service's component from its walk and transit figures.</summary>
    public static IsolationComponent Component(string kind, IsolationServiceInput? input)
    {
        if (input is null)
        {
            return new IsolationComponent(kind, null, "walk", 1, 1);
        }

        var walk = input.WalkMedianSeconds;
        var transit = input.TransitMedianSeconds;
        var useTransit = transit is not null && (walk is null || transit < walk);
        var seconds = useTransit ? transit : walk;
        var share = useTransit ? input.TransitShareOver30 ?? input.WalkShareOver30 : input.WalkShareOver30;
        var minutes = seconds / 60.0;
        var score = minutes is { } m ? Math.Min(m, CapMinutes) / CapMinutes : 1.0;
        return new IsolationComponent(kind, minutes, useTransit ? "transit" : "walk", share, score);
    }

    /// <summary>Ranks areas (1 = most isolated).</summary>
    public static IReadOnlyList<IsolationRank> Rank(IEnumerable<IsolationArea> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var scored = areas.Select(a =>
        {
            var components = Services.Select(k => Component(k, a.Services.FirstOrDefault(s => s.Kind == k))).ToList();
            return (Area: a, Components: components, Index: 100 * components.Average(c => c.Score), Share: components.Average(c => c.ShareOver30));
        })
        .OrderByDescending(x => x.Index)
        .ThenByDescending(x => x.Share)
        .ThenBy(x => x.Area.Code, StringComparer.Ordinal)
        .ToList();
        return scored.Select((x, i) => new IsolationRank(i + 1, Math.Round(x.Index, 2), x.Area, x.Components)).ToList();
    }
}
