using System.Globalization;
using System.Security.Cryptography;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoApi.Tiles;
using CohesionGeo.GeoEngine.Store.Tiles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary>
/// Vector tiles and the layer catalogue: <c>GET /tiles/{layer}/{z}/{x}/{y}.mvt</c>, <c>GET /tiles/{layer}.json</c>
/// (TileJSON) and <c>GET /api/v1/layers</c>. The layer id only selects a <see cref="TileCatalogue"/> entry;
/// roles are checked per request (and before any cache lookup, see <see cref="TileCachePolicy"/>).
/// </summary>
public static class TileEndpoints
{
    public const string MvtContentType = "application/vnd.mapbox-vector-tile";

    private static readonly TileCachePolicy CachePolicy = new();

    public static IEndpointRouteBuilder MapTileEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/tiles/{layer}/{z}/{x}/{y}.mvt", GetTileAsync)
            .CacheOutput(CachePolicy)
            .WithName("tile")
            .WithSummary("A Mapbox vector tile of one layer (204 when empty). Restricted layers need a role and are audited.");
        routes.MapGet("/tiles/{layer}.json", GetTileJson).WithName("tilejson").WithSummary("TileJSON 3.0 for one layer.");
        routes.MapGet("/api/v1/layers", GetLayers).WithName("layers").WithSummary("The layer catalogue as the caller may see it.");
        routes.MapGet("/api/v1/layers/filters", GetFiltersAsync).WithName("layer-filters")
            .WithSummary("What the map's filters may offer: months of the month-filtered layers (tiles take ?from=yyyy-MM&to=yyyy-MM) and the service kinds × modes with travel times.");
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, NoContent, ProblemHttpResult, ValidationProblem>> GetTileAsync(
        string layer, string z, string x, string y, HttpContext http, NpgsqlDataSource dataSource, AuditLog audit, TileOptions options,
        CancellationToken ct)
    {
        if (!TileCatalogue.TryGet(layer, out var entry))
        {
            return UnknownLayer();
        }

        var caller = Caller.From(http.User);
        var variant = entry.VariantFor(caller);
        if (variant is null)
        {
            return Refuse(caller, entry);
        }

        if (!TryParseTile(entry, z, x, y, out var tile, out var errors))
        {
            return TypedResults.ValidationProblem(errors, title: "Bad tile address", detail: $"Layer '{entry.Id}' is served at zoom {entry.MinZoom}–{entry.MaxZoom}; x and y must be 0 to 2^z − 1.");
        }

        if (!TileMonthFilter.TryRead(http.Request.Query, entry, out var months, out var monthErrors))
        {
            return TypedResults.ValidationProblem(monthErrors, title: "Bad month range",
                detail: $"from and to are months written yyyy-MM, both inclusive, from no later than to, at most {TileMonthRange.MaxMonths} months.");
        }

        if (entry.Restricted)
        {
            await audit.WriteAsync(caller, "read", "tiles/" + entry.Id, AuditDetail(tile.Z, tile.X, tile.Y, months, cached: false), ct);
        }

        var bytes = await variant.Query.ReadAsync(dataSource, tile, months, ct);
        var headers = http.Response.Headers;
        headers.CacheControl = entry.Restricted
            ? "private, no-store"
            : variant.Roles.Contains(Role.Viewer)
                ? $"public, max-age={options.BrowserMaxAgeSeconds.ToString(CultureInfo.InvariantCulture)}"
                : $"private, max-age={options.BrowserMaxAgeSeconds.ToString(CultureInfo.InvariantCulture)}";
        headers.Vary = "Authorization";
        if (bytes.Length == 0)
        {
            return TypedResults.NoContent();
        }

        // The ETag is a digest of the month range (if any) and the bytes: it changes exactly when the tile does, and two
        // ranges never share one. FileContentHttpResult answers If-None-Match with 304 on a miss; the output cache
        // does the same on a hit.
        return TypedResults.Bytes(bytes, MvtContentType, entityTag: ETagOf(bytes, months));
    }

    /// <summary>What an audit event of a restricted tile read records (also used for cache hits).</summary>
    internal static object AuditDetail(int? z, int? x, int? y, TileMonthRange? months, bool cached) => months is { } m
        ? (object)new { z, x, y, from = TileMonthRange.Format(m.First), to = TileMonthRange.Format(m.Last), cached }
        : new { z, x, y, cached };

    private static EntityTagHeaderValue ETagOf(byte[] bytes, TileMonthRange? months)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (months is { } m)
        {
            hash.AppendData(System.Text.Encoding.ASCII.GetBytes(m.ToString()));
        }

        hash.AppendData(bytes);
        return new EntityTagHeaderValue("\"" + Convert.ToHexString(hash.GetHashAndReset().AsSpan(0, 12)) + "\"");
    }

    private static async Task<Ok<LayerFilters>> GetFiltersAsync(HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var monthLayers = TileCatalogue.Layers.Where(l => l.HasMonthFilter && l.VariantFor(caller) is not null).Select(l => l.Id).ToList();
        var span = monthLayers.Any(id => id is "incidents" or "incident_points")
            ? await TileFilterReader.IncidentMonthsAsync(dataSource, ct)
            : null;
        if (monthLayers.Contains("tension") && await TileFilterReader.TensionMonthsAsync(dataSource, ct) is { } tension)
        {
            span = span is { } s ? (Min(s.First, tension.First), Max(s.Last, tension.Last)) : tension;
        }

        var months = new List<string>();
        if (span is { } range)
        {
            for (var m = range.First; m <= range.Last; m = m.AddMonths(1))
            {
                months.Add(TileMonthRange.Format(m));
            }
        }

        var surfaces = await TileFilterReader.AccessSurfacesAsync(dataSource, GeoEngine.Places.FacilityKinds.All, TileSources.AccessModes, ct);
        return TypedResults.Ok(new LayerFilters(months, TileMonthRange.MaxMonths, monthLayers, [.. surfaces.Select(s => new AccessSurface(s.Kind, s.Modes))]));

        static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
        static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    }

    private static Results<Ok<TileJson>, ProblemHttpResult> GetTileJson(string layer, HttpContext http)
    {
        if (!TileCatalogue.TryGet(layer, out var entry))
        {
            return UnknownLayer();
        }

        var caller = Caller.From(http.User);
        if (entry.VariantFor(caller) is null)
        {
            return Refuse(caller, entry);
        }

        var fields = entry.Properties.ToDictionary(p => p, _ => "", StringComparer.Ordinal);
        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        return TypedResults.Ok(new TileJson(
            "3.0.0", entry.Title.En, entry.Attribution, [$"{baseUrl}{TileUrl(entry)}"], entry.MinZoom, entry.MaxZoom,
            [new TileJsonVectorLayer(entry.SourceLayer, fields, entry.MinZoom, entry.MaxZoom)]));
    }

    private static Ok<LayersResponse> GetLayers(HttpContext http)
    {
        var caller = Caller.From(http.User);
        var layers = new List<LayerInfo>();
        foreach (var l in TileCatalogue.Layers)
        {
            if (l.VariantFor(caller) is { } variant)
            {
                layers.Add(new LayerInfo(
                    l.Id, l.Title, l.Geometry.ToString().ToLowerInvariant(), l.MinZoom, l.MaxZoom, TileUrl(l), $"/tiles/{l.Id}.json", l.SourceLayer,
                    l.Properties, l.Legend, [.. l.Roles.Select(RoleNames.ToWire)], l.Restricted, variant.Class, l.Attribution, l.HasMonthFilter));
            }
        }

        return TypedResults.Ok(new LayersResponse(RoleNames.ToWire(caller.Role), layers));
    }

    private static string TileUrl(TileLayer layer) => $"/tiles/{layer.Id}/{{z}}/{{x}}/{{y}}.mvt";

    private static ProblemHttpResult UnknownLayer() => TypedResults.Problem(
        title: "Unknown layer",
        detail: "There is no layer with that id; GET /api/v1/layers lists the layers you may see.",
        statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult Refuse(Caller caller, TileLayer layer) => caller.IsAnonymous
        ? TypedResults.Problem(title: "Sign-in needed", detail: $"Layer '{layer.Id}' is restricted: send 'Authorization: Bearer <token>'.", statusCode: StatusCodes.Status401Unauthorized)
        : TypedResults.Problem(title: "Not allowed for your role", detail: $"The '{RoleNames.ToWire(caller.Role)}' role may not see layer '{layer.Id}'.", statusCode: StatusCodes.Status403Forbidden);

    private static bool TryParseTile(TileLayer layer, string zText, string xText, string yText, out TileAddress tile, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        tile = default;
        if (!int.TryParse(zText, NumberStyles.None, CultureInfo.InvariantCulture, out var z) || z > TileAddress.MaxZoom)
        {
            errors["z"] = [$"Zoom must be a whole number from 0 to {TileAddress.MaxZoom}."];
        }
        else if (z < layer.MinZoom || z > layer.MaxZoom)
        {
            errors["z"] = [$"Layer '{layer.Id}' is served at zoom {layer.MinZoom} to {layer.MaxZoom}; zoom {z} is outside that."];
        }

        var zOk = !errors.ContainsKey("z");
        var size = zOk ? 1L << z : 0;
        if (!int.TryParse(xText, NumberStyles.None, CultureInfo.InvariantCulture, out var x) || (zOk && x >= size))
        {
            errors["x"] = [zOk ? $"x must be a whole number from 0 to {size - 1} at zoom {z}." : "x must be a whole number from 0 to 2^z − 1."];
        }

        if (!int.TryParse(yText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || (zOk && y >= size))
        {
            errors["y"] = [zOk ? $"y must be a whole number from 0 to {size - 1} at zoom {z}." : "y must be a whole number from 0 to 2^z − 1."];
        }

        if (errors.Count > 0)
        {
            return false;
        }

        tile = new TileAddress(z, x, y);
        return TileAddress.IsValid(z, x, y);
    }
}
