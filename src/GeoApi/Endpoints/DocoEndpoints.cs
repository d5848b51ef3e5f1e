using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoEngine.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// Designing Out Crime data (part of the risk area, mapped by <see cref="RiskEndpoints"/>). Derived
/// features come from OpenStreetMap and are open to every role; officer observations are restricted
/// to <c>doco</c> (and <c>admin</c>) and audited, because they describe weak points of real places.
/// Footpath entry points into a boundary are for <c>doco</c>, <c>planner</c> and <c>cohesion_lead</c>.
/// </summary>
public static class DocoEndpoints
{
    public static IEndpointRouteBuilder MapDocoData(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/doco/observations", AddObservationAsync).RequireRoles(Role.Doco)
            .WithName("doco-observation-create").WithSummary("Record an officer observation: {kind, note, date, geometry (GeoJSON Point or LineString, WGS84)}.");
        routes.MapGet("/api/v1/doco/observations", ListObservationsAsync).RequireRoles(Role.Doco)
            .WithName("doco-observations").WithSummary("Officer observations in a bbox (restricted, audited).");
        routes.MapGet("/api/v1/doco/features", ListDerivedAsync)
            .WithName("doco-features").WithSummary("Derived DOCO features (unlit paths, unknown lighting, alleys) in a bbox, from OpenStreetMap.");
        routes.MapPost("/api/v1/doco/derive", DeriveAsync).RequireRoles(Role.Doco)
            .WithName("doco-derive").WithSummary("Derive DOCO features from the current network (idempotent).");
        routes.MapPost("/api/v1/doco/entry-points", EntryPointsAsync).RequireRoles(Role.Doco, Role.Planner, Role.CohesionLead)
            .WithName("doco-entry-points").WithSummary("Where footpaths cross a boundary polygon (GeoJSON, WGS84).");
        return routes;
    }

    private static async Task<Results<Created<DocoFeatureDto>, ValidationProblem>> AddObservationAsync(
        HttpContext http, JsonElement body, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? Text(string name) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var kind = Text("kind")?.Trim();
        if (kind is null || kind.Length is < 2 or > 40 || kind.Any(c => c is not (>= 'a' and <= 'z') and not '_'))
        {
            errors["kind"] = ["kind is required: 2-40 lower-case letters or '_' (for example poor_lighting, hiding_place, graffiti)."];
        }
        else if (kind is "unlit_path" or "unknown_lighting_path" or "alley")
        {
            errors["kind"] = [$"'{kind}' is derived from the map; record what the officer saw instead."];
        }

        var note = Text("note")?.Trim();
        if (note is { Length: > 2000 })
        {
            errors["note"] = ["note is longer than 2000 characters."];
        }

        DateOnly date = default;
        var dateText = Text("date");
        if (dateText is null || !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors["date"] = [$"date is required as YYYY-MM-DD" + (dateText is null ? "." : $"; got '{dateText}'.")];
        }
        else if (date > DateOnly.FromDateTime(DateTime.UtcNow))
        {
            errors["date"] = ["date is in the future."];
        }

        var geometry = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("geometry", out var g) ? g : default;
        var geoJson = GeoJsonShapes.Check(geometry, ["Point", "LineString"], "geometry", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The observation is not valid");
        }

        var caller = Caller.From(http.User);
        var id = await DocoStore.AddObservationAsync(dataSource, kind!, note, date, geoJson!, caller.Name, ct);
        await audit.WriteAsync(caller, "create", $"doco_features/{id}", new { kind }, ct);
        return TypedResults.Created($"/api/v1/doco/observations/{id}", new DocoFeatureDto(id, kind!, "officer", note, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, caller.Name, JsonNode.Parse(geoJson!)!));
    }

    private static async Task<Results<Ok<DocoFeatureDto[]>, ValidationProblem>> ListObservationsAsync(
        HttpContext http, NpgsqlDataSource dataSource, AuditLog audit, string? bbox, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var box = RiskQuery.ParseBox(bbox, errors);
        if (box is null && errors.Count == 0)
        {
            errors["bbox"] = ["bbox is required: minLon,minLat,maxLon,maxLat."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rows = await DocoStore.ListAsync(dataSource, box!.Value, "officer", 5000, ct);
        await audit.WriteAsync(Caller.From(http.User), "read", "doco_features/officer", new { bbox, returned = rows.Count }, ct);
        return TypedResults.Ok(rows.Select(DocoFeatureDto.From).ToArray());
    }

    private static async Task<Results<Ok<DocoFeatureDto[]>, ValidationProblem>> ListDerivedAsync(NpgsqlDataSource dataSource, string? bbox, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var box = RiskQuery.ParseBox(bbox, errors);
        if (box is null && errors.Count == 0)
        {
            errors["bbox"] = ["bbox is required: minLon,minLat,maxLon,maxLat."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rows = await DocoStore.ListAsync(dataSource, box!.Value, "osm", 20000, ct);
        return TypedResults.Ok(rows.Select(DocoFeatureDto.From).ToArray());
    }

    private static async Task<Ok<IReadOnlyDictionary<string, long>>> DeriveAsync(HttpContext http, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        var added = await DocoStore.DeriveFromNetworkAsync(dataSource, ct);
        await audit.WriteAsync(Caller.From(http.User), "derive", "doco_features/osm", added, ct);
        return TypedResults.Ok(added);
    }

    private static async Task<Results<Ok<EntryPointDto[]>, ValidationProblem>> EntryPointsAsync(JsonElement body, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var boundary = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("boundary", out var b) ? b : default;
        var geoJson = GeoJsonShapes.Check(boundary, ["Polygon", "MultiPolygon"], "boundary", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var points = await DocoStore.EntryPointsAsync(dataSource, geoJson!, ct);
        return TypedResults.Ok(points.Select(p => new EntryPointDto(p.EdgeId, p.Highway, Math.Round(p.Lon, 6), Math.Round(p.Lat, 6))).ToArray());
    }
}

/// <summary>A DOCO feature on the wire (geometry WGS84).</summary>
public sealed record DocoFeatureDto(long Id, string Kind, string Source, string? Note, string? Date, long? EdgeId, string? CreatedBy, JsonNode Geometry)
{
    public static DocoFeatureDto From(DocoFeatureRow r) =>
        new(r.Id, r.Kind, r.Source, r.Note, r.ObservedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.EdgeId, r.CreatedBy, JsonNode.Parse(r.GeoJson)!);
}

/// <summary>Where a footpath crosses a boundary.</summary>
public sealed record EntryPointDto(long EdgeId, string? Highway, double Lon, double Lat);
