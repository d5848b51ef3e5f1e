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
        routes.MapPost("/api/v1/doco/recommendations", AddRecommendationAsync).RequireRoles(Role.Doco)
            .WithName("doco-recommendation-create").WithSummary("Record a recommendation on a planning application: {application_ref, site_id?, recommendation, date}.");
        routes.MapPut("/api/v1/doco/recommendations/{id:long}/decision", DecideAsync).RequireRoles(Role.Doco)
            .WithName("doco-recommendation-decision").WithSummary("Record whether the planning decision adopted the recommendation: {adopted, date}.");
        routes.MapGet("/api/v1/doco/recommendations", ListRecommendationsAsync).RequireRoles(Role.Doco)
            .WithName("doco-recommendations").WithSummary("Recommendations (optionally ?application_ref=), with adoption and the adoption rate (restricted, audited).");
        return routes;
    }

    private static async Task<Results<Created<DocoRecommendationRow>, ValidationProblem>> AddRecommendationAsync(
        HttpContext http, JsonElement body, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var reference = Field(body, "application_ref")?.Trim();
        if (string.IsNullOrEmpty(reference) || reference.Length > 60)
        {
            errors["application_ref"] = ["application_ref is required (the planning authority's reference, at most 60 characters)."];
        }

        var text = Field(body, "recommendation")?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 4000)
        {
            errors["recommendation"] = ["recommendation is required (at most 4000 characters)."];
        }

        long? siteId = null;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("site_id", out var site) && site.ValueKind != JsonValueKind.Null)
        {
            if (site.ValueKind == JsonValueKind.Number && site.TryGetInt64(out var s) && s > 0)
            {
                siteId = s;
            }
            else
            {
                errors["site_id"] = ["site_id must be a positive whole number (a planning application in places.sites)."];
            }
        }

        var date = PastDate(Field(body, "date"), "date", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The recommendation is not valid");
        }

        var caller = Caller.From(http.User);
        var row = await DocoRecommendationStore.AddAsync(dataSource, reference!, siteId, text!, date, caller.Name, ct);
        await audit.WriteAsync(caller, "create", $"doco_recommendations/{row.Id}", new { application_ref = reference }, ct);
        return TypedResults.Created($"/api/v1/doco/recommendations/{row.Id}", row);
    }

    private static async Task<Results<Ok<DocoRecommendationRow>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        HttpContext http, long id, JsonElement body, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        bool? adopted = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("adopted", out var a) && a.ValueKind is JsonValueKind.True or JsonValueKind.False ? a.GetBoolean() : null;
        if (adopted is null)
        {
            errors["adopted"] = ["adopted is required: true or false."];
        }

        var date = PastDate(Field(body, "date"), "date", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The decision is not valid");
        }

        var caller = Caller.From(http.User);
        var row = await DocoRecommendationStore.DecideAsync(dataSource, id, adopted!.Value, date, caller.Name, ct);
        if (row is null)
        {
            return TypedResults.Problem(title: "No such recommendation", detail: $"There is no recommendation {id}.", statusCode: StatusCodes.Status404NotFound);
        }

        await audit.WriteAsync(caller, "update", $"doco_recommendations/{id}", new { adopted }, ct);
        return TypedResults.Ok(row);
    }

    private static async Task<Ok<DocoRecommendationList>> ListRecommendationsAsync(
        HttpContext http, NpgsqlDataSource dataSource, AuditLog audit, string? application_ref, CancellationToken ct)
    {
        var rows = await DocoRecommendationStore.ListAsync(dataSource, application_ref, ct);
        await audit.WriteAsync(Caller.From(http.User), "read", "doco_recommendations", new { application_ref, returned = rows.Count }, ct);
        var decided = rows.Count(r => r.Adopted is not null);
        return TypedResults.Ok(new DocoRecommendationList(rows.Count, decided, rows.Count(r => r.Adopted == true), decided == 0 ? null : rows.Count(r => r.Adopted == true) / (double)decided, rows));
    }

    private static string? Field(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateOnly PastDate(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[field] = [$"{field} is required as YYYY-MM-DD" + (text is null ? "." : $"; got '{text}'.")];
            return default;
        }

        if (date > DateOnly.FromDateTime(DateTime.UtcNow))
        {
            errors[field] = [$"{field} is in the future."];
        }

        return date;
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

/// <summary>Recommendations with counts: decided, adopted, and adopted ÷ decided (null before any decision).</summary>
public sealed record DocoRecommendationList(int Count, int Decided, int Adopted, double? AdoptionRate, IReadOnlyList<DocoRecommendationRow> Recommendations);
