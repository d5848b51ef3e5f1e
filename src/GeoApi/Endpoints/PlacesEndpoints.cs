using CohesionGeo.GeoApi.Places;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Places;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// <c>POST /api/v1/imports/facilities</c> (a CSV or GeoJSON body; planners and cohesion leads) and
/// <c>GET /api/v1/facilities?kind=</c> (anyone: facilities are public services).
/// </summary>
public static class PlacesEndpoints
{
    /// <summary>Largest facilities file accepted, bytes.</summary>
    public const int MaxFileBytes = 5 * 1024 * 1024;

    public static IEndpointRouteBuilder MapPlacesEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/imports/facilities", ImportAsync)
            .RequireRoles(Role.Planner, Role.CohesionLead)
            .WithName("import-facilities")
            .WithSummary("Imports a facilities CSV or GeoJSON (body). One transaction; with any bad row nothing is written unless skip_invalid=true.");
        routes.MapGet("/api/v1/facilities", ListAsync)
            .WithName("facilities")
            .WithSummary("Facilities, optionally of one kind, with every source record behind each.");
        return routes;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, NpgsqlDataSource dataSource, AuditLog audit, ILoggerFactory loggers, bool? skip_invalid, CancellationToken ct)
    {
        if (http.Request.ContentLength is > MaxFileBytes)
        {
            return Results.Problem(title: "File too large", detail: $"A facilities file may be at most {MaxFileBytes / 1024 / 1024} MB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        using var reader = new StreamReader(http.Request.Body);
        var content = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(content))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["send the CSV or GeoJSON file as the request body"] });
        }

        var result = await FacilityImporter.ImportAsync(dataSource, content, skip_invalid == true, FacilityImporter.Postcodes, ct);
        var caller = Caller.From(http.User);
        await audit.WriteAsync(caller, "import", "facilities", new { result.Accepted, result.Rejected, result.Written, result.FacilitiesAdded, result.SourcesAdded }, ct);
        var recompute = result.Written && (result.FacilitiesAdded > 0 || result.SourcesAdded > 0);
        if (recompute)
        {
            // The changed kinds are now stale (a trigger records it): recompute them in the background.
            Access.AccessRecomputer.For(dataSource).Schedule(loggers.CreateLogger(typeof(PlacesEndpoints)));
        }

        var body = new FacilityImportResponse(result.Accepted, result.Rejected, result.Written, result.FacilitiesAdded, result.MergedIntoExisting, result.SourcesAdded,
            recompute, result.Errors.Select(e => new ImportErrorDto(e.Line, e.Field, e.Reason)).ToList());
        if (!result.Written && result.Errors.Count > 0)
        {
            return Results.Problem(
                title: "The file has bad rows; nothing was written",
                detail: $"{result.Rejected} rows rejected, {result.Accepted} valid. Fix them, or send skip_invalid=true to write the valid rows.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?>
                {
                    ["accepted"] = result.Accepted,
                    ["rejected"] = result.Rejected,
                    ["errors"] = body.Errors,
                });
        }

        return TypedResults.Ok(body);
    }

    private static async Task<Results<Ok<List<FacilityDto>>, ValidationProblem>> ListAsync(NpgsqlDataSource dataSource, string? kind, CancellationToken ct)
    {
        if (kind is not null && !FacilityKinds.IsKnown(kind))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"unknown kind '{kind}'; kinds are {string.Join(", ", FacilityKinds.All)}"] });
        }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await GeoEngine.Store.PlacesStore.ReadFacilitiesAsync(conn, null, kind is null ? null : [kind], ct);
        var merged = rows.Select(r =>
        {
            var d = new FacilityDeduplicator();
            var c = d.Seed(r.Id, r.Members);
            var m = c.Merged;
            var (lon, lat) = BritishNationalGrid.ToWgs84(m.Easting, m.Northing);
            return new FacilityDto(r.Id, m.Kind, m.Name, m.NameCy, m.Capacity, m.OpeningHours, Math.Round(lon, 6), Math.Round(lat, 6),
                r.Members.Select(s => new FacilitySourceDto(s.Source, s.SourceRef, s.Name)).ToList());
        }).ToList();
        return TypedResults.Ok(merged);
    }
}
/// <summary>The import answer; <c>access_recompute_scheduled</c> says the changed kinds' accessibility is being recomputed in the background.</summary>
public sealed record FacilityImportResponse(int Accepted, int Rejected, bool Written, int FacilitiesAdded, int MergedIntoExisting, int SourcesAdded, bool AccessRecomputeScheduled, IReadOnlyList<ImportErrorDto> Errors);

public sealed record FacilitySourceDto(string Source, string Ref, string Name);

public sealed record FacilityDto(long Id, string Kind, string Name, string? NameCy, int? Capacity, string? OpeningHours, double Lon, double Lat, IReadOnlyList<FacilitySourceDto> Sources);
