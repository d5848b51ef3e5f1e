using System.Globalization;
using System.Net;
using System.Text;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// The DOCO evidence pack as one printable HTML page (no scripts, no external resources) with English and
/// Welsh headings, for attaching to a Crime Impact Statement. Every value from data or input is HTML-encoded.
/// </summary>
public static class DocoReviewHtml
{
    public static string Render(DocoReviewResponse r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var h = new StringBuilder(16 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E("DOCO evidence pack / Pecyn tystiolaeth DOCO – " + r.Reference)).Append("</title>\n<style>")
            .Append("body{font-family:Arial,sans-serif;margin:2em;color:#111}h1,h2{margin-bottom:.2em}h2{border-bottom:1px solid #999;margin-top:1.4em}")
            .Append("span.cy{font-weight:normal;color:#444} table{border-collapse:collapse;margin:.4em 0}td,th{border:1px solid #bbb;padding:2px 6px;text-align:left}")
            .Append(".attention{background:#fde0dd}.check{background:#fff7bc}.no_evidence{background:#e5f5e0}.caveat{font-size:.9em;color:#333}@media print{body{margin:0}}")
            .Append("</style>\n</head>\n<body>\n");
        Heading(h, "h1", "Designing Out Crime evidence pack", "Pecyn tystiolaeth Dylunio Allan Troseddu");
        h.Append("<p><strong>Reference / Cyfeirnod:</strong> ").Append(E(r.Reference))
            .Append("<br><strong>Generated / Crëwyd:</strong> ").Append(E(r.GeneratedAt))
            .Append("<br><strong>Boundary area / Arwynebedd y ffin:</strong> ").Append(E(F($"{r.Boundary.AreaM2:0} m² ({r.Boundary.AreaKm2:0.####} km²)")));
        if (r.Period is { } p)
        {
            h.Append("<br><strong>Period / Cyfnod:</strong> ").Append(E(p.From)).Append(" – ").Append(E(p.To));
        }

        h.Append("</p>\n");
        foreach (var note in r.Notes)
        {
            h.Append("<p class=\"caveat\">").Append(E(note)).Append("</p>\n");
        }

        Heading(h, "h2", "Caveat", "Cafeat");
        h.Append("<p class=\"caveat\">").Append(E(r.Caveat)).Append("</p>\n");

        Heading(h, "h2", "Recorded crime and anti-social behaviour", "Troseddau ac ymddygiad gwrthgymdeithasol a gofnodwyd");
        if (r.Incidents.Count == 0)
        {
            h.Append("<p>No police.uk data are loaded.</p>\n");
        }
        else
        {
            var categories = r.Incidents[^1].ByCategory.Select(c => c.Category).ToList();
            h.Append("<table><tr><th>Category / Categori</th>");
            foreach (var b in r.Incidents)
            {
                h.Append("<th>").Append(E(F($"≤ {b.DistanceMetres} m"))).Append("</th>");
            }

            h.Append("</tr>\n");
            foreach (var c in categories)
            {
                h.Append("<tr><td>").Append(E(c)).Append("</td>");
                foreach (var b in r.Incidents)
                {
                    h.Append("<td>").Append(b.ByCategory.FirstOrDefault(x => x.Category == c)?.Count ?? 0).Append("</td>");
                }

                h.Append("</tr>\n");
            }

            h.Append("<tr><th>Total / Cyfanswm</th>");
            foreach (var b in r.Incidents)
            {
                h.Append("<th>").Append(b.Total).Append("</th>");
            }

            h.Append("</tr></table>\n");
            Heading(h, "h2", "Monthly trend", "Tuedd fisol");
            h.Append("<table><tr><th>Buffer / Clustogfa</th>");
            foreach (var m in r.Period!.Months)
            {
                h.Append("<th>").Append(E(m)).Append("</th>");
            }

            h.Append("<th>Trend ratio / Cymhareb tuedd</th></tr>\n");
            foreach (var b in r.Incidents)
            {
                h.Append("<tr><td>").Append(E(F($"≤ {b.DistanceMetres} m"))).Append("</td>");
                foreach (var n in b.Monthly)
                {
                    h.Append("<td>").Append(n).Append("</td>");
                }

                h.Append("<td>").Append(E(b.Trend?.Ratio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "n/a")).Append("</td></tr>\n");
            }

            h.Append("</table>\n<p class=\"caveat\">Trend ratio: monthly mean of the last 3 months ÷ monthly mean of the 9 before.</p>\n");
        }

        Heading(h, "h2", "Hot spots touching the 500 m buffer", "Mannau problemus sy'n cyffwrdd â'r glustogfa 500 m");
        var hot = r.Hotspots.Cells.Where(c => c.Class != 0).ToList();
        h.Append("<p>").Append(E(F($"{r.Hotspots.CellsTouching} cells of 250 m touch the buffer; {r.Hotspots.HotCells} are hot."))).Append("</p>\n");
        if (hot.Count > 0)
        {
            h.Append("<table><tr><th>Source / Ffynhonnell</th><th>Cell / Cell</th><th>Count / Nifer</th><th>z</th><th>Class / Dosbarth</th></tr>\n");
            foreach (var c in hot)
            {
                h.Append("<tr><td>").Append(E(c.Source)).Append("</td><td>").Append(E(c.Code)).Append("</td><td>").Append(c.Count)
                    .Append("</td><td>").Append(E(F($"{c.Z:0.00}"))).Append("</td><td>").Append(E(c.ClassName)).Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        h.Append("<p class=\"caveat\">").Append(E(r.Hotspots.Method)).Append("</p>\n");

        Heading(h, "h2", "Unlit paths and alleys within 250 m", "Llwybrau heb olau a lonydd cefn o fewn 250 m");
        h.Append("<p>").Append(E(F($"{r.PathsAndAlleys.UnlitPaths} unlit path(s), {r.PathsAndAlleys.Alleys} alley(s); {r.PathsAndAlleys.UnknownLightingPaths} path(s) with no lighting tag in OpenStreetMap."))).Append("</p>\n");
        if (r.PathsAndAlleys.Features.Count > 0)
        {
            h.Append("<table><tr><th>Kind / Math</th><th>Way / Ffordd</th><th>Name / Enw</th><th>Distance m / Pellter m</th><th>Length m / Hyd m</th></tr>\n");
            foreach (var f in r.PathsAndAlleys.Features)
            {
                h.Append("<tr><td>").Append(E(f.Kind)).Append("</td><td>").Append(E(f.Highway ?? "")).Append("</td><td>").Append(E(f.Name ?? ""))
                    .Append("</td><td>").Append(E(F($"{f.DistanceM:0}"))).Append("</td><td>").Append(E(F($"{f.LengthM:0}"))).Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        Heading(h, "h2", "Footpath entry points", "Mannau mynediad llwybrau troed");
        h.Append("<p>").Append(r.EntryPoints.Count).Append(" crossing(s) of the boundary.</p>\n");
        if (r.EntryPoints.Count > 0)
        {
            h.Append("<table><tr><th>Way / Ffordd</th><th>Longitude</th><th>Latitude</th></tr>\n");
            foreach (var e in r.EntryPoints)
            {
                h.Append("<tr><td>").Append(E(e.Highway ?? "")).Append("</td><td>").Append(E(F($"{e.Lon:0.000000}"))).Append("</td><td>").Append(E(F($"{e.Lat:0.000000}"))).Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        Heading(h, "h2", "Previous officer observations", "Arsylwadau blaenorol swyddogion");
        if (r.Observations.Count == 0)
        {
            h.Append("<p>None within 250 m.</p>\n");
        }
        else
        {
            h.Append("<table><tr><th>Date / Dyddiad</th><th>Kind / Math</th><th>Note / Nodyn</th><th>Distance m / Pellter m</th></tr>\n");
            foreach (var o in r.Observations)
            {
                h.Append("<tr><td>").Append(E(o.Date ?? "")).Append("</td><td>").Append(E(o.Kind)).Append("</td><td>").Append(E(o.Note ?? "(withheld)"))
                    .Append("</td><td>").Append(E(F($"{o.DistanceM:0}"))).Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        Heading(h, "h2", "Planning applications nearby", "Ceisiadau cynllunio cyfagos");
        if (r.Applications.Count == 0)
        {
            h.Append("<p>None within 500 m.</p>\n");
        }
        else
        {
            h.Append("<table><tr><th>Reference / Cyfeirnod</th><th>Name / Enw</th><th>Status / Statws</th><th>Distance m / Pellter m</th><th>Recommendations (adopted) / Argymhellion (mabwysiadwyd)</th></tr>\n");
            foreach (var a in r.Applications)
            {
                h.Append("<tr><td>").Append(E(a.Ref ?? "")).Append("</td><td>").Append(E(a.Name ?? "")).Append("</td><td>").Append(E(a.Status ?? ""))
                    .Append("</td><td>").Append(E(F($"{a.DistanceM:0}"))).Append("</td><td>").Append(E(F($"{a.Recommendations} ({a.Adopted})"))).Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        Heading(h, "h2", "Checklist (Secured by Design headings)", "Rhestr wirio (penawdau Diogel trwy Ddylunio)");
        h.Append("<table><tr><th>Item / Eitem</th><th>Status / Statws</th><th>Evidence / Tystiolaeth</th></tr>\n");
        foreach (var c in r.Checklist)
        {
            h.Append("<tr class=\"").Append(E(c.Status)).Append("\"><td>").Append(E(c.TitleEn)).Append("<br><span class=\"cy\" lang=\"cy\">").Append(E(c.TitleCy))
                .Append("</span></td><td>").Append(E(c.Status)).Append("</td><td>").Append(E(c.Evidence)).Append("</td></tr>\n");
        }

        h.Append("</table>\n<p class=\"caveat\">The checklist prompts the officer; it is not a Secured by Design assessment.</p>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void Heading(StringBuilder h, string tag, string en, string cy) =>
        h.Append('<').Append(tag).Append('>').Append(E(en)).Append(" / <span class=\"cy\" lang=\"cy\">").Append(E(cy)).Append("</span></").Append(tag).Append(">\n");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
