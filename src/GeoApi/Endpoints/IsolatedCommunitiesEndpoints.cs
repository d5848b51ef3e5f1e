using System.Globalization;
using System.Text;
using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Assessment;
using CohesionGeo.GeoEngine.Store;
using Npgsql;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// Isolated communities joined with tension and ASB (issue 8): the LSOA isolation ranking of
/// <c>GET /api/v1/isolation</c> with each area's tension index now and <c>days</c> earlier and its ASB trend;
/// "isolated and tension rising" as its own list; CSV export. Tension per area is not for viewers (as the map's
/// tension layer): planner, cohesion_lead, admin; audited.
/// </summary>
public static class IsolatedCommunitiesEndpoints
{
    public static IEndpointRouteBuilder MapIsolatedCommunitiesEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/isolation/tension", GetAsync).RequireRoles(Role.Planner, Role.CohesionLead)
            .WithName("isolation-tension")
            .WithSummary("Isolated LSOAs joined with tension and ASB trend: ?isolated_share=0.25&days=28&format=json|csv (csv: the 'isolated and tension rising' list).");
        return routes;
    }

    private static async Task<IResult> GetAsync(HttpContext http, NpgsqlDataSource dataSource, AuditLog audit, double? isolated_share, int? days, string? format, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var share = isolated_share ?? 0.25;
        if (!double.IsFinite(share) || share is <= 0 or > 1)
        {
            errors["isolated_share"] = ["isolated_share must be more than 0 and at most 1 (0.25 = the most isolated quarter)."];
        }

        var back = days ?? 28;
        if (back is < 1 or > 365)
        {
            errors["days"] = ["days must be from 1 to 365."];
        }

        var kind = (format ?? "json").ToLowerInvariant();
        if (kind is not ("json" or "csv"))
        {
            errors["format"] = ["format is json or csv."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (ranked, _) = await AccessEndpoints.RankAsync(dataSource, "lsoa", 1, ct);
        if (ranked.Count == 0)
        {
            return TypedResults.Problem(title: "No isolation ranking", detail: "Accessibility has not been computed (./cohesiongeo compute access, or the first run loads it): there is nothing to join.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var reports = await TensionStore.ForIndexAsync(dataSource, DateOnly.FromDateTime(DateTime.UtcNow), ct);
        var asOf = reports.Count > 0 ? reports.Max(r => r.Date) : DateOnly.FromDateTime(DateTime.UtcNow);
        var latest = await RiskReader.LatestIncidentMonthAsync(dataSource, ct);
        var asb = new Dictionary<string, long[]>(StringComparer.Ordinal);
        string? period = null;
        if (latest is { } end)
        {
            var start = end.AddMonths(-11);
            period = $"{start:yyyy-MM}..{end:yyyy-MM}";
            var counts = await RiskReader.CountPerAreaMonthAsync(dataSource, RiskSource.Asb, start, end, ct);
            for (var i = 0; i < counts.Codes.Length; i++)
            {
                if (!asb.TryGetValue(counts.Codes[i], out var monthly))
                {
                    asb[counts.Codes[i]] = monthly = new long[12];
                }

                monthly[((counts.Months[i].Year - start.Year) * 12) + counts.Months[i].Month - start.Month] = counts.Counts[i];
            }
        }

        var joined = IsolatedCommunities.Join(
            [.. ranked.Select(r => (r.Rank, r.Area.Code, r.Area.Name, r.Index))], share,
            [.. reports.Select(r => (r.AreaCode, r.Date, r.Level, r.Tier))], asOf, back, asb);
        var rising = joined.Where(c => c.Isolated && c.TensionRising).ToList();
        await audit.WriteAsync(Caller.From(http.User), "read", "isolation/tension", new { share, days = back, format = kind, rising = rising.Count }, ct);
        if (kind == "csv")
        {
            return TypedResults.Text(Csv(rising), "text/csv; charset=utf-8");
        }

        var synthetic = reports.Any(r => r.Synthetic);
        return TypedResults.Ok(new IsolatedCommunitiesResponse(
            asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), back, share, period,
            string.Create(CultureInfo.InvariantCulture,
                $"isolation rank from GET /api/v1/isolation?level=lsoa; isolated = rank within the top {share:P0}; tension index = sum of level x tier weight x 2^(-age/28 days) as of {asOf:yyyy-MM-dd}, rising when above the index {back} days earlier; ASB trend = last 3 months / 9 before ({period ?? "no police.uk data"})."),
            synthetic ? "The tension register holds SYNTHETIC demo reports: tension figures are not real." : null,
            RiskQuery.Caveat, rising, joined));
    }

    private static string Csv(IReadOnlyList<IsolatedCommunity> rows)
    {
        var b = new StringBuilder("rank,code,name,isolation_index,tension_index,tension_index_before,tension_reports,asb_12_months,asb_trend_ratio\r\n");
        foreach (var r in rows)
        {
            b.Append(CultureInfo.InvariantCulture, $"{r.Rank},{r.Code},{SiteTable.Quote(r.Name ?? string.Empty)},{r.IsolationIndex:0.####},{r.TensionIndex:0.####},{r.TensionIndexBefore:0.####},{r.TensionReports},{r.AsbCount},{(r.AsbTrend?.Ratio is { } t ? t.ToString("0.###", CultureInfo.InvariantCulture) : string.Empty)}\r\n");
        }

        return b.ToString();
    }
}

/// <summary>The joined list; <c>isolated_and_tension_rising</c> is the subset of <c>areas</c> that are isolated and whose tension index rose.</summary>
public sealed record IsolatedCommunitiesResponse(
    string AsOf, int Days, double IsolatedShare, string? Period, string Method, string? Synthetic, string Caveat,
    IReadOnlyList<IsolatedCommunity> IsolatedAndTensionRising, IReadOnlyList<IsolatedCommunity> Areas);
