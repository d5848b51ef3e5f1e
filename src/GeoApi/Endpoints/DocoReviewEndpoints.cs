using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Assessment;
using CohesionGeo.GeoEngine.Risk;
using CohesionGeo.GeoEngine.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// The DOCO evidence pack (issue 8): one planning boundary → incidents by category and month in nested
/// buffers, hot spots touching it, unlit paths and alleys, footpath entry points, earlier observations and
/// applications, and a checklist; JSON or printable bilingual HTML. For doco, planner and admin; audited.
/// A self-intersecting boundary is repaired with <c>ST_MakeValid</c> and the response says so.
/// </summary>
public static class DocoReviewEndpoints
{
    /// <summary>Incident buffers around the boundary, metres (nested; 0 inside).</summary>
    public static readonly IReadOnlyList<int> BufferMetres = [100, 250, 500];

    /// <summary>Distance for unlit paths, alleys and officer observations, metres.</summary>
    public const double PathsWithinMetres = 250;

    /// <summary>Distance for other planning applications, metres.</summary>
    public const double ApplicationsWithinMetres = 500;

    public static IEndpointRouteBuilder MapDocoReviewEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/doco/review", (HttpContext http, JsonElement body, string? format, NpgsqlDataSource ds, AuditLog audit, AssessmentOptions options, CancellationToken ct) =>
                ReviewAsync(http, body, string.Equals(format, "html", StringComparison.OrdinalIgnoreCase), ds, audit, options, ct))
            .RequireRoles(Role.Doco, Role.Planner)
            .WithName("doco-review")
            .WithSummary("DOCO evidence pack for a planning boundary {reference, boundary: GeoJSON Polygon (WGS84)}; ?format=html for the printable bilingual page.");
        routes.MapPost("/api/v1/doco/review.html", (HttpContext http, JsonElement body, NpgsqlDataSource ds, AuditLog audit, AssessmentOptions options, CancellationToken ct) =>
                ReviewAsync(http, body, true, ds, audit, options, ct))
            .RequireRoles(Role.Doco, Role.Planner)
            .WithName("doco-review-html")
            .WithSummary("The DOCO evidence pack as printable HTML with English/Welsh headings.");
        return routes;
    }

    private static async Task<Results<Ok<DocoReviewResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> ReviewAsync(
        HttpContext http, JsonElement body, bool html, NpgsqlDataSource dataSource, AuditLog audit, AssessmentOptions options, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var reference = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("reference", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()!.Trim() : null;
        if (string.IsNullOrEmpty(reference) || reference.Length > 60)
        {
            errors["reference"] = ["reference is required: the planning application's reference (at most 60 characters)."];
        }

        var boundary = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("boundary", out var b) ? b : default;
        if (boundary.ValueKind == JsonValueKind.Object && boundary.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "Feature"
            && boundary.TryGetProperty("geometry", out var g))
        {
            boundary = g;
        }

        var geoJson = GeoJsonShapes.Check(boundary, ["Polygon", "MultiPolygon"], "boundary", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The review request is not valid");
        }

        ReviewBoundary area;
        try
        {
            area = await DocoReviewStore.PrepareBoundaryAsync(dataSource, geoJson!, ct);
        }
        catch (PostgresException e) when (e.SqlState is "XX000" or "22023" or "22P02")
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["boundary"] = [$"PostGIS cannot read the boundary as a polygon: {e.MessageText} (each ring needs 4 or more positions, first equal to last)."] },
                title: "The review request is not valid");
        }

        if (area.IsEmpty || area.AreaSquareMetres <= 0)
        {
            return Unprocessable("boundary", "The boundary has no area" + (area.WasValid ? "." : $" once repaired ({area.InvalidReason}); draw the application's red line as a simple polygon."));
        }

        var areaKm2 = area.AreaSquareMetres / 1e6;
        if (areaKm2 > options.DocoMaxAreaKm2)
        {
            return Unprocessable("boundary", string.Create(CultureInfo.InvariantCulture,
                $"The boundary covers {areaKm2:0.##} km²; a DOCO review takes at most {options.DocoMaxAreaKm2:0.##} km² (COHESIONGEO_DOCO_MAX_AREA_KM2). Review a large scheme phase by phase."));
        }

        if (!area.HasData)
        {
            return TypedResults.Problem(title: "No data loaded", detail: "There is no network and no located police.uk row: load data/ (./cohesiongeo run) before reviewing.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (!area.MeetsData)
        {
            return Unprocessable("boundary", $"The boundary lies outside the data extent (WGS84 box {area.DataExtentText}); nothing here could be said about it.");
        }

        var caller = Caller.From(http.User);
        var response = await BuildAsync(dataSource, reference!, area, caller.HasAnyRole(Role.Doco), ct);
        await audit.WriteAsync(caller, "read", "doco/review",
            new { reference, area_m2 = Math.Round(area.AreaSquareMetres), repaired = !area.WasValid, format = html ? "html" : "json" }, ct);
        return html ? TypedResults.Text(DocoReviewHtml.Render(response), "text/html; charset=utf-8") : TypedResults.Ok(response);
    }

    private static ProblemHttpResult Unprocessable(string field, string message) => TypedResults.Problem(
        title: "The boundary cannot be reviewed", detail: message, statusCode: StatusCodes.Status422UnprocessableEntity,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    private static async Task<DocoReviewResponse> BuildAsync(NpgsqlDataSource dataSource, string reference, ReviewBoundary area, bool officer, CancellationToken ct)
    {
        var notes = new List<string>();
        if (!area.WasValid)
        {
            notes.Add($"The boundary was not a valid polygon ({area.InvalidReason}); it was repaired with PostGIS ST_MakeValid and the polygonal result used (see boundary.geometry).");
        }

        var maxBuffer = BufferMetres[^1];
        var latest = await RiskReader.LatestIncidentMonthAsync(dataSource, ct);
        IReadOnlyList<IncidentBuffer> buffers = [];
        DocoPeriodDto? period = null;
        DateOnly start = default, end = default;
        if (latest is { } last)
        {
            end = last;
            start = last.AddMonths(-11);
            var rows = await DocoReviewStore.IncidentsNearAsync(dataSource, area.Ewkb, start, end, maxBuffer, ct);
            var monthIndex = rows.Months.Select(m => ((m.Year - start.Year) * 12) + m.Month - start.Month).ToArray();
            buffers = BufferedIncidents.Summarise(rows.Categories, monthIndex, rows.Distances, rows.Counts, BufferMetres, 12);
            period = new DocoPeriodDto(Month(start), Month(end), Enumerable.Range(0, 12).Select(i => Month(start.AddMonths(i))).ToArray());
        }
        else
        {
            notes.Add("No police.uk data are loaded: incident counts and hot spots are empty.");
        }

        var hotspots = await HotspotsAsync(dataSource, area.Ewkb, latest is null ? null : (start, end), ct);
        var paths = await DocoReviewStore.LightingNearAsync(dataSource, area.Ewkb, PathsWithinMetres, ct);
        var entry = await DocoStore.EntryPointsAsync(dataSource, area.GeoJson, ct);
        var rings = await DocoReviewStore.BuffersAsync(dataSource, area.Ewkb, BufferMetres, ct);
        var observations = await DocoReviewStore.ObservationsNearAsync(dataSource, area.Ewkb, PathsWithinMetres, ct);
        var applications = await DocoReviewStore.ApplicationsNearAsync(dataSource, area.Ewkb, ApplicationsWithinMetres, reference, ct);
        if (!officer && observations.Count > 0)
        {
            notes.Add("Officer observation notes are shown to doco and admin only; kinds, dates and distances are shown.");
        }

        var unlit = paths.Count(p => p.Kind == "unlit_path");
        var alleys = paths.Count(p => p.Kind == "alley");
        var unknown = paths.Count(p => p.Kind == "unknown_lighting_path");
        var evidence = new DocoEvidence(buffers, hotspots.Cells.Count(c => c.Source == "asb" && c.Class > 0), hotspots.Cells.Count(c => c.Source == "crime" && c.Class > 0),
            entry.Count, unlit, unknown, alleys, observations.Count, applications.Count);
        return new DocoReviewResponse(
            reference,
            DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            new DocoBoundaryDto(Math.Round(area.AreaSquareMetres, 1), Math.Round(area.AreaSquareMetres / 1e6, 4), !area.WasValid, area.InvalidReason, JsonNode.Parse(area.GeoJson)!),
            period,
            RiskQuery.Caveat,
            buffers,
            hotspots,
            new DocoPathsDto(PathsWithinMetres, unlit, alleys, unknown,
                paths.Where(p => p.Kind != "unknown_lighting_path")
                    .Select(p => new DocoPathDto(p.Kind, p.EdgeId, p.Highway, p.Name, Math.Round(p.DistanceM, 1), Math.Round(p.LengthM, 1), JsonNode.Parse(p.GeoJson)!)).ToList()),
            entry.Select(p => new EntryPointDto(p.EdgeId, p.Highway, Math.Round(p.Lon, 6), Math.Round(p.Lat, 6))).ToList(),
            observations.Select(o => new DocoObservationDto(o.Id, o.Kind, officer ? o.Note : null, o.ObservedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Math.Round(o.DistanceM, 1))).ToList(),
            applications.Select(a => new DocoApplicationDto(a.Id, a.Ref, a.Name, a.Status, Math.Round(a.DistanceM, 1), a.Recommendations, a.Adopted)).ToList(),
            DocoChecklist.Build(evidence),
            notes,
            rings.Select(r => new DocoBufferDto(r.DistanceM, JsonNode.Parse(r.GeoJson)!)).ToList());
    }

    /// <summary>
    /// ASB and crime Gi* exactly as <c>GET /api/v1/risk/hotspots</c> computes it by default (same period, the
    /// default study extent, 500 m band), keeping the cells within the largest buffer.
    /// </summary>
    private static async Task<DocoHotspotsDto> HotspotsAsync(NpgsqlDataSource dataSource, byte[] boundary, (DateOnly From, DateOnly To)? period, CancellationToken ct)
    {
        var band = HotspotAnalysis.DefaultBandMetres;
        var cells = new List<DocoHotspotCell>();
        var touching = 0;
        if (period is { } p && await RiskReader.ExtentAsync(dataSource, null, ct) is { } extent
            && (extent.MaxX - extent.MinX) * (extent.MaxY - extent.MinY) <= RiskQuery.MaxExtentSquareMetres)
        {
            HashSet<string>? near = null;
            foreach (var (source, name) in new[] { (RiskSource.Asb, "asb"), (RiskSource.Crime, "crime") })
            {
                var counts = await RiskReader.CountPerHexAsync(dataSource, source, p.From, p.To, extent, ct);
                near ??= await DocoReviewStore.HexCodesNearAsync(dataSource, boundary, BufferMetres[^1], ct);
                var result = HotspotAnalysis.Run(counts.X, counts.Y, counts.Counts, band);
                for (var i = 0; i < counts.Codes.Length; i++)
                {
                    if (!near.Contains(counts.Codes[i]))
                    {
                        continue;
                    }

                    if (source == RiskSource.Asb)
                    {
                        touching++;
                    }

                    cells.Add(new DocoHotspotCell(name, counts.Codes[i], (long)counts.Counts[i], Math.Round(result.Z[i], 3), result.AdjustedP[i],
                        result.Class[i], HotspotClass.Name(result.Class[i]), JsonNode.Parse(counts.GeoJson[i])!));
                }
            }
        }

        return new DocoHotspotsDto(RiskQuery.Method(band), period is { } q ? Month(q.From) : null, period is { } q2 ? Month(q2.To) : null,
            BufferMetres[^1], touching, cells.Count(c => c.Class > 0), cells);
    }

    private static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>The DOCO evidence pack on the wire.</summary>
public sealed record DocoReviewResponse(
    string Reference, string GeneratedAt, DocoBoundaryDto Boundary, DocoPeriodDto? Period, string Caveat,
    IReadOnlyList<IncidentBuffer> Incidents, DocoHotspotsDto Hotspots, DocoPathsDto PathsAndAlleys,
    IReadOnlyList<EntryPointDto> EntryPoints, IReadOnlyList<DocoObservationDto> Observations, IReadOnlyList<DocoApplicationDto> Applications,
    IReadOnlyList<ChecklistItem> Checklist, IReadOnlyList<string> Notes, IReadOnlyList<DocoBufferDto>? Buffers = null);

/// <summary>The boundary used (repaired when <c>repaired</c>), WGS84 GeoJSON; area in EPSG:27700.</summary>
public sealed record DocoBoundaryDto(double AreaM2, double AreaKm2, bool Repaired, string? InvalidReason, JsonNode Geometry);

/// <summary>The 12 months of police.uk data used (ending with the latest loaded month).</summary>
public sealed record DocoPeriodDto(string From, string To, string[] Months);

/// <summary>Gi* cells (250 m) within the largest buffer, for ASB and crime.</summary>
public sealed record DocoHotspotsDto(string Method, string? From, string? To, int WithinM, int CellsTouching, int HotCells, IReadOnlyList<DocoHotspotCell> Cells);

/// <summary>One cell's Gi* result.</summary>
public sealed record DocoHotspotCell(string Source, string Code, long Count, double Z, double PAdjusted, int Class, string ClassName, JsonNode Geometry);

/// <summary>Unlit paths and alleys near the boundary (paths with unknown lighting are counted, not listed).</summary>
public sealed record DocoPathsDto(double WithinM, int UnlitPaths, int Alleys, int UnknownLightingPaths, IReadOnlyList<DocoPathDto> Features);

/// <summary>One unlit path or alley (WGS84 geometry; distance from the boundary and length in metres).</summary>
public sealed record DocoPathDto(string Kind, long? EdgeId, string? Highway, string? Name, double DistanceM, double LengthM, JsonNode Geometry);

/// <summary>An earlier officer observation; <c>note</c> only for doco and admin.</summary>
public sealed record DocoObservationDto(long Id, string Kind, string? Note, string? Date, double DistanceM);

/// <summary>Another planning application nearby with the DOCO recommendations made on it and adopted.</summary>
public sealed record DocoApplicationDto(long Id, string? Ref, string? Name, string? Status, double DistanceM, long Recommendations, long Adopted);
