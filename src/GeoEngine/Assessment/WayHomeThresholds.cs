namespace CohesionGeo.GeoEngine.Assessment;

/// <summary>
/// The dossier's way-home check (from options, validated at start-up): for each service kind in
/// <paramref name="Services"/>, the site's nearest facility by public transport is routed back to the site in
/// the evening window; the site is flagged when there is no journey back, or when it takes more than
/// <paramref name="Ratio"/> times the morning outbound (see <c>Transit.WayHome</c>).
/// </summary>
/// <param name="Services">Facility kinds checked (e.g. gp, day_centre, youth_club).</param>
/// <param name="EveningFromSeconds">Start of the evening window, seconds after midnight of the timetable date (16:00 = 57,600).</param>
/// <param name="EveningMinutes">Length of the evening window, minutes (180 = 16:00–19:00).</param>
/// <param name="Ratio">Return journeys longer than this multiple of the outbound are flagged.</param>
public sealed record WayHomeThresholds(IReadOnlyList<string> Services, int EveningFromSeconds = 16 * 3600, int EveningMinutes = 180, double Ratio = 2.0)
{
    /// <summary>gp, day_centre, youth_club; 16:00 for 180 minutes; ratio 2.</summary>
    public static WayHomeThresholds Default { get; } = new([Places.FacilityKinds.Gp, Places.FacilityKinds.DayCentre, Places.FacilityKinds.YouthClub]);
}
