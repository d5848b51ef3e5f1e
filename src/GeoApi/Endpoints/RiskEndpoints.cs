using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Store;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// Risk overlays: police.uk import, hotspots, the community tension register and Designing Out Crime
/// observations. Who may do what is stated on each route (see README, "Risk overlays").
/// </summary>
public static class RiskEndpoints
{
    /// <summary>Largest police.uk upload accepted over HTTP (bytes); the CLI has no limit.</summary>
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    public static IEndpointRouteBuilder MapRiskEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/imports/police-uk", ImportPoliceUkAsync)
            .RequireRoles(Role.CohesionLead, Role.Doco)
            .WithName("import-police-uk")
            .WithSummary("Import one police.uk street-level CSV (request body, text/csv). Whole file or nothing; ?partial=true keeps the valid rows.");
        return routes;
    }

    private static async Task<Results<Ok<PoliceUkImportResponse>, ProblemHttpResult>> ImportPoliceUkAsync(
        HttpContext http, NpgsqlDataSource dataSource, AuditLog audit, bool? partial, string? name, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxUploadBytes;
        }

        var caller = Caller.From(http.User);
        var fileName = string.IsNullOrWhiteSpace(name) ? "upload.csv" : Path.GetFileName(name);
        // The CSV reader is synchronous: spool the body to a temporary file (never to memory) first.
        await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await http.Request.Body.CopyToAsync(spool, ct);
        spool.Position = 0;
        using var text = PoliceUkCsvReader.OpenText(spool);
        var reader = new PoliceUkCsvReader(text);
        var result = await IncidentStore.ImportPoliceUkAsync(dataSource, fileName, reader, partial == true, null, ct);
        await audit.WriteAsync(caller, "import", "incidents/police-uk",
            new { file = fileName, result.Committed, result.Accepted, result.Rejected, already_present = result.AlreadyPresent }, ct);
        var response = PoliceUkImportResponse.From(result);
        if (!result.Committed)
        {
            return TypedResults.Problem(
                title: "File rejected",
                detail: $"{result.Rejected} row(s) have errors; nothing was written. Fix them, or send ?partial=true to keep the valid rows.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?>
                {
                    ["accepted"] = 0L,
                    ["rejected"] = result.Rejected,
                    ["errors"] = response.Errors,
                });
        }

        return TypedResults.Ok(response);
    }
}

/// <summary>Body of a police.uk import answer.</summary>
public sealed record PoliceUkImportResponse(long Accepted, long Rejected, long AlreadyPresent, long WithoutLocation, IReadOnlyList<ImportErrorDto> Errors)
{
    public static PoliceUkImportResponse From(ImportResult r) =>
        new(r.Accepted, r.Rejected, r.AlreadyPresent, r.WithoutLocation, r.Errors.Select(e => new ImportErrorDto(e.Line, e.Field, e.Reason)).ToList());
}

/// <summary>One import problem on the wire.</summary>
public sealed record ImportErrorDto(long Line, string Field, string Reason);
