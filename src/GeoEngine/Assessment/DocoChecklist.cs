using System.Globalization;

namespace CohesionGeo.GeoEngine.Assessment;

/// <summary>
/// Builds a Secured by Design-style checklist (after the SBD Homes 2023 headings: permeability and
/// access, surveillance and lighting, boundaries, dwelling security, parking, cycle storage) from the
/// evidence of a DOCO review. It prompts the officer; it is not an SBD assessment. Each item states
/// the figure it rests on.
/// </summary>
public static class DocoChecklist
{
    /// <summary>Status when the evidence points at the item.</summary>
    public const string Attention = "attention";

    /// <summary>Status when only the officer can judge.</summary>
    public const string Check = "check";

    /// <summary>Status when the data hold nothing for the item.</summary>
    public const string NoEvidence = "no_evidence";

    public static IReadOnlyList<ChecklistItem> Build(DocoEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var near = evidence.Buffers.Count == 0 ? null : evidence.Buffers.FirstOrDefault(b => b.DistanceMetres == 250) ?? evidence.Buffers[^1];
        long Of(string category) => near?.ByCategory.FirstOrDefault(c => c.Category == category)?.Count ?? 0;
        var within = near is null ? "nearby" : string.Create(CultureInfo.InvariantCulture, $"within {near.DistanceMetres} m");
        var items = new List<ChecklistItem>
        {
            new("permeability", "Footpath access and permeability", "Mynediad llwybrau troed a athreiddedd",
                evidence.EntryPoints > 0 ? Attention : NoEvidence,
                Text($"{evidence.EntryPoints} footpath crossing(s) of the boundary (OpenStreetMap). Limit routes through the development to those that are needed, overlooked and lit.")),
            new("lighting", "Lighting of paths and public areas", "Goleuo llwybrau a mannau cyhoeddus",
                evidence.UnlitPaths > 0 ? Attention : evidence.UnknownLightingPaths > 0 ? Check : NoEvidence,
                Text($"{evidence.UnlitPaths} unlit path(s) (lit=no) and {evidence.UnknownLightingPaths} path(s) with unknown lighting within 250 m.")),
            new("alleys", "Rear alleys and gating", "Lonydd cefn a gatiau",
                evidence.Alleys > 0 ? Attention : NoEvidence,
                Text($"{evidence.Alleys} alley(s) (service=alley) within 250 m; consider gating rear access paths.")),
            new("crime_levels", "Recorded crime and ASB around the site", "Troseddau ac ymddygiad gwrthgymdeithasol o amgylch y safle",
                evidence.HotAsbCells + evidence.HotCrimeCells > 0 ? Attention : Check,
                Text($"{near?.Total ?? 0} police.uk row(s) {within} over the period; hot spot cells touching the 500 m buffer: {evidence.HotAsbCells} for ASB, {evidence.HotCrimeCells} for crime.")),
            new("trend", "Trend of recorded incidents", "Tuedd y digwyddiadau a gofnodwyd",
                near?.Trend is not { } rising ? Check : rising.Ratio is > 1 || (rising.Ratio is null && rising.Recent > 0) ? Attention : NoEvidence,
                near?.Trend is { } t
                    ? Text($"last 3 months {t.Recent} ({t.RecentMonthlyMean:0.0}/month) against the 9 before {t.Baseline} ({t.BaselineMonthlyMean:0.0}/month) {within}: ratio {(t.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "n/a (no baseline)")}.")
                    : "No 12-month series: trend not available."),
            new("dwelling_security", "Doors and windows (PAS 24) against burglary", "Drysau a ffenestri (PAS 24) rhag bwrgleriaeth",
                Of("Burglary") > 0 ? Attention : Check,
                Text($"{Of("Burglary")} burglary row(s) {within}.")),
            new("parking", "Parking in view of homes", "Parcio yng ngolwg cartrefi",
                Of("Vehicle crime") > 0 ? Attention : Check,
                Text($"{Of("Vehicle crime")} vehicle crime row(s) {within}.")),
            new("cycle_storage", "Secure cycle storage", "Storfa feiciau ddiogel",
                Of("Bicycle theft") > 0 ? Attention : Check,
                Text($"{Of("Bicycle theft")} bicycle theft row(s) {within}.")),
            new("boundaries", "Boundary treatment and defensible space", "Triniaeth ffiniau a gofod amddiffynadwy",
                Of("Criminal damage and arson") > 0 ? Attention : Check,
                Text($"{Of("Criminal damage and arson")} criminal damage and arson row(s) {within}; boundary heights and defensible space need the drawings.")),
            new("history", "Earlier officer observations and applications", "Arsylwadau blaenorol swyddogion a cheisiadau",
                evidence.Observations + evidence.Applications > 0 ? Check : NoEvidence,
                Text($"{evidence.Observations} officer observation(s) and {evidence.Applications} other planning application(s) nearby.")),
        };
        return items;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
