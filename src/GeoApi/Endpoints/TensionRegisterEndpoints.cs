using System.Globalization;
using System.Text.Json;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Risk;
using CohesionGeo.GeoEngine.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// The community tension register (part of the risk area, mapped by <see cref="RiskEndpoints"/>).
/// Raw reports are restricted: only <c>cohesion_lead</c> (and <c>admin</c>) may read or change them;
/// planners and DOCOs see tension only through aggregates (hotspots, the tension index), because a
/// report's text and point can identify people and places. Every read and change is audited.
/// </summary>
public static class TensionRegisterEndpoints
{
    /// <summary>Shown with every synthetic report.</summary>
    public const string SyntheticLabel = "SYNTHETIC demo data - not a real report";

    public static IEndpointRouteBuilder MapTensionRegister(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/tension-reports", CreateAsync).RequireRoles(Role.CohesionLead)
            .WithName("tension-create").WithSummary("Create a tension report (cohesion_lead, admin). Field errors as problem+json.");
        routes.MapPut("/api/v1/tension-reports/{id:long}", UpdateAsync).RequireRoles(Role.CohesionLead)
            .WithName("tension-update").WithSummary("Edit a tension report; the previous versions stay in its history.");
        routes.MapGet("/api/v1/tension-reports", ListAsync).RequireRoles(Role.CohesionLead)
            .WithName("tension-list").WithSummary("List raw tension reports (restricted, audited).");
        routes.MapGet("/api/v1/tension-reports/{id:long}", GetAsync).RequireRoles(Role.CohesionLead)
            .WithName("tension-get").WithSummary("One raw tension report (restricted, audited).");
        routes.MapGet("/api/v1/tension-reports/{id:long}/history", HistoryAsync).RequireRoles(Role.CohesionLead)
            .WithName("tension-history").WithSummary("Every version of a tension report (restricted, audited).");
        routes.MapPost("/api/v1/imports/tension-reports", ImportAsync).RequireRoles(Role.CohesionLead)
            .WithName("import-tension-reports").WithSummary("Import a tension register CSV (date,tier,level,theme,area_code,lon,lat,summary,partner,synthetic); whole file or nothing.");
        routes.MapGet("/api/v1/risk/tension-index", IndexAsync)
            .WithName("tension-index").WithSummary("Tension index per area with exponential time decay (aggregate; areas with 1-4 reports withheld from viewers). as_of defaults to the latest report date.");
        return routes;
    }

    private static async Task<Results<Created<TensionReportDto>, ValidationProblem>> CreateAsync(
        HttpContext http, JsonElement body, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var report = TensionReportRules.Validate(InputFrom(body), Today, errors);
        if (report is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The tension report is not valid");
        }

        var caller = Caller.From(http.User);
        var id = await TensionStore.CreateAsync(dataSource, report, caller.Name, ct);
        await audit.WriteAsync(caller, "create", $"tension_reports/{id}", null, ct);
        var row = await TensionStore.GetAsync(dataSource, id, ct);
        return TypedResults.Created($"/api/v1/tension-reports/{id}", TensionReportDto.From(row!));
    }

    private static async Task<Results<Ok<TensionReportDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        HttpContext http, long id, JsonElement body, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var report = TensionReportRules.Validate(InputFrom(body), Today, errors);
        if (report is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The tension report is not valid");
        }

        var caller = Caller.From(http.User);
        if (!await TensionStore.UpdateAsync(dataSource, id, report, caller.Name, ct))
        {
            return TypedResults.Problem(title: "No such report", detail: $"There is no tension report {id}.", statusCode: StatusCodes.Status404NotFound);
        }

        await audit.WriteAsync(caller, "update", $"tension_reports/{id}", null, ct);
        return TypedResults.Ok(TensionReportDto.From((await TensionStore.GetAsync(dataSource, id, ct))!));
    }

    private static async Task<Results<Ok<TensionReportList>, ValidationProblem>> ListAsync(
        HttpContext http, NpgsqlDataSource dataSource, AuditLog audit, string? from, string? to, string? area_code, int? limit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var fromDate = ParseDate(from, "from", errors);
        var toDate = ParseDate(to, "to", errors);
        var max = limit ?? 500;
        if (max is < 1 or > 5000)
        {
            errors["limit"] = ["limit must be from 1 to 5000."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rows = await TensionStore.ListAsync(dataSource, fromDate, toDate, area_code, max, ct);
        await audit.WriteAsync(Caller.From(http.User), "read", "tension_reports", new { from, to, area_code, returned = rows.Count }, ct);
        return TypedResults.Ok(new TensionReportList(rows.Count, rows.Count(r => r.Report.Synthetic), rows.Select(TensionReportDto.From).ToList()));
    }

    private static async Task<Results<Ok<TensionReportDto>, ProblemHttpResult>> GetAsync(
        HttpContext http, long id, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        var row = await TensionStore.GetAsync(dataSource, id, ct);
        await audit.WriteAsync(Caller.From(http.User), "read", $"tension_reports/{id}", new { found = row is not null }, ct);
        return row is null
            ? TypedResults.Problem(title: "No such report", detail: $"There is no tension report {id}.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(TensionReportDto.From(row));
    }

    private static async Task<Results<Ok<TensionHistoryDto[]>, ProblemHttpResult>> HistoryAsync(
        HttpContext http, long id, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        var history = await TensionStore.HistoryAsync(dataSource, id, ct);
        await audit.WriteAsync(Caller.From(http.User), "read", $"tension_reports/{id}/history", new { versions = history.Count }, ct);
        return history.Count == 0
            ? TypedResults.Problem(title: "No such report", detail: $"There is no tension report {id}.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(history.Select(h => new TensionHistoryDto(h.Version, h.Change, h.ChangedBy, h.ChangedAt, JsonDocument.Parse(h.StateJson).RootElement.Clone())).ToArray());
    }

    private static async Task<Results<Ok<PoliceUkImportResponse>, ProblemHttpResult>> ImportAsync(
        HttpContext http, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        await using var spool = new MemoryStream();
        await http.Request.Body.CopyToAsync(spool, ct);
        spool.Position = 0;
        using var text = PoliceUkCsvReader.OpenText(spool);
        var (rows, errors, rejected) = TensionCsvReader.Read(text, Today);
        var caller = Caller.From(http.User);
        if (errors.Count > 0)
        {
            await audit.WriteAsync(caller, "import", "tension_reports", new { committed = false, rejected }, ct);
            return TypedResults.Problem(
                title: "File rejected",
                detail: $"{Math.Max(rejected, 1)} row(s) have errors; nothing was written.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?>
                {
                    ["accepted"] = 0L,
                    ["rejected"] = rejected,
                    ["errors"] = errors.Select(e => new ImportErrorDto(e.Line, e.Field, e.Reason)).ToList(),
                });
        }

        var added = await TensionStore.ImportAsync(dataSource, rows, caller.Name, ct);
        await audit.WriteAsync(caller, "import", "tension_reports", new { committed = true, added, already_present = rows.Count - added }, ct);
        return TypedResults.Ok(new PoliceUkImportResponse(added, 0, rows.Count - added, 0, []));
    }

    private static async Task<Results<Ok<TensionIndexResponse>, ValidationProblem>> IndexAsync(
        HttpContext http, NpgsqlDataSource dataSource, string? as_of, double? half_life_days, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var asOfGiven = ParseDate(as_of, "as_of", errors);
        var halfLife = half_life_days ?? TensionIndex.DefaultHalfLifeDays;
        if (halfLife is < 1 or > 3650)
        {
            errors["half_life_days"] = ["half_life_days must be from 1 to 3650."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var viewer = !Caller.From(http.User).HasAnyRole(Role.Planner, Role.Doco, Role.CohesionLead);
        // Without as_of: the date of the latest report (so a register that is not updated daily still shows its state).
        var reports = await TensionStore.ForIndexAsync(dataSource, asOfGiven ?? Today, ct);
        var asOf = asOfGiven ?? (reports.Count > 0 ? reports.Max(r => r.Date) : Today);
        var areas = new List<TensionIndexArea>();
        foreach (var group in reports.GroupBy(r => r.AreaCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = group.ToList();
            var ages = list.Select(r => (double)(asOf.DayNumber - r.Date.DayNumber)).ToArray();
            var levels = list.Select(r => r.Level).ToArray();
            var weights = list.Select(r => TensionIndex.TierWeight(r.Tier)).ToArray();
            var withheld = viewer && SmallNumbers.IsWithheld(list.Count);
            var synthetic = list.Count(r => r.Synthetic);
            areas.Add(new TensionIndexArea(
                group.Key,
                withheld ? null : list.Count,
                withheld ? SmallNumbers.WithheldText : null,
                withheld ? null : TensionIndex.Of(ages, levels, weights, halfLife),
                synthetic,
                synthetic > 0 ? $"{synthetic} of these reports are SYNTHETIC demo data" : null));
        }

        return TypedResults.Ok(new TensionIndexResponse(
            asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), halfLife,
            "index = sum over reports dated on or before as_of of level x tier weight (evidenced 1, experienced 0.75, potential 0.5) x 2^(-age_days / half_life_days); reports with only a point are placed in the LSOA that contains it.",
            areas.OrderByDescending(a => a.Index ?? -1).ToList()));
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static DateOnly? ParseDate(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        errors[field] = [$"'{text}' is not a date in the form YYYY-MM-DD."];
        return null;
    }

    private static TensionReportInput InputFrom(JsonElement body)
    {
        string? Text(string name) =>
            body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v)
                ? v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    _ => v.GetRawText(),
                }
                : null;

        return new TensionReportInput(Text("date"), Text("tier"), Text("level"), Text("theme"), Text("area_code"), Text("lon"), Text("lat"), Text("summary"), Text("partner"), Text("synthetic"));
    }
}

/// <summary>A raw tension report on the wire; <c>label</c> says SYNTHETIC for demo rows.</summary>
public sealed record TensionReportDto(
    long Id, string Date, string Tier, int Level, string Theme, string? AreaCode, double? Lon, double? Lat, string? Summary, string? Partner,
    bool Synthetic, string? Label, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version)
{
    public static TensionReportDto From(TensionReportRow row)
    {
        var r = row.Report;
        return new TensionReportDto(
            row.Id, r.ReportedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Tier, r.Level, r.Theme, r.AreaCode,
            r.Lon is { } lon ? Math.Round(lon, 6) : null, r.Lat is { } lat ? Math.Round(lat, 6) : null,
            r.Synthetic && r.Summary is { } s && !s.StartsWith("SYNTHETIC", StringComparison.Ordinal) ? "SYNTHETIC: " + s : r.Summary,
            r.Partner, r.Synthetic, r.Synthetic ? TensionRegisterEndpoints.SyntheticLabel : null, row.CreatedBy, row.CreatedAt, row.UpdatedAt, row.Version);
    }
}

/// <summary>A list of raw reports and how many of them are synthetic.</summary>
public sealed record TensionReportList(int Count, int Synthetic, IReadOnlyList<TensionReportDto> Reports);

/// <summary>One version of a report.</summary>
public sealed record TensionHistoryDto(int Version, string Change, string ChangedBy, DateTimeOffset ChangedAt, JsonElement State);

/// <summary>Tension index per area.</summary>
public sealed record TensionIndexResponse(string AsOf, double HalfLifeDays, string Method, IReadOnlyList<TensionIndexArea> Areas);

/// <summary>One area's index; report count and index withheld from viewers when 1–4 reports.</summary>
public sealed record TensionIndexArea(string AreaCode, int? Reports, string? ReportsText, double? Index, int SyntheticReports, string? Label);
