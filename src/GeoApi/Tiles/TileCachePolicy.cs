using System.Globalization;
using CohesionGeo.GeoApi.Security;
using Microsoft.AspNetCore.OutputCaching;

namespace CohesionGeo.GeoApi.Tiles;

/// <summary>
/// Output-cache policy for <c>/tiles/{layer}/{z}/{x}/{y}.mvt</c>. Runs after authentication, before the endpoint:
/// a caller who may not see the layer is never looked up in the cache (the endpoint answers 401/403); otherwise
/// the cache key is the path, the month range (<c>from</c>, <c>to</c>; any other query key is ignored) and the caller's
/// visibility class (<see cref="TileVariant.Class"/>), so a tile cached for an admin is never served to a viewer and
/// one month range never answers for another. A bad range is answered 400 by the endpoint and never stored. Entries are tagged with the layer's data keys for eviction.
/// A read of a restricted layer served from the cache is audited here (the endpoint audits misses).
/// </summary>
internal sealed class TileCachePolicy : IOutputCachePolicy
{
    public const string VisibilityKey = "visibility";

    private static readonly object GenerationKey = new();

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) || !TileCatalogue.TryGet(http.GetRouteValue("layer") as string, out var layer))
        {
            return ValueTask.CompletedTask;
        }

        var variant = layer.VariantFor(Caller.From(http.User));
        if (variant is null)
        {
            return ValueTask.CompletedTask;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.CacheVaryByRules.VaryByValues[VisibilityKey] = variant.Class;
        context.CacheVaryByRules.QueryKeys = TileMonthFilter.QueryKeys;
        context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(http.RequestServices.GetRequiredService<TileOptions>().ServerCacheMinutes);
        http.Items[GenerationKey] = http.RequestServices.GetRequiredService<TileCache>().GenerationOf(layer);
        context.Tags.Add(TileCache.AllTilesTag);
        foreach (var key in layer.DependsOn)
        {
            context.Tags.Add(TileCache.TagFor(key));
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (TileCatalogue.TryGet(http.GetRouteValue("layer") as string, out var layer) && layer.Restricted)
        {
            var audit = http.RequestServices.GetRequiredService<AuditLog>();
            // Only 200/204 for a valid range are ever stored, so the range read here is a valid one.
            TileMonthFilter.TryRead(http.Request.Query, layer, out var months, out _);
            await audit.WriteAsync(Caller.From(http.User), "read", "tiles/" + layer.Id,
                Endpoints.TileEndpoints.AuditDetail(RouteInt(http, "z"), RouteInt(http, "x"), RouteInt(http, "y"), months, cached: true), cancellation);
        }
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // Only real tiles (200) and known-empty tiles (204) are stored; never 304, 4xx or 5xx. A tile whose data
        // were invalidated while it was being made may be stale: it is served but not stored.
        var http = context.HttpContext;
        if (http.Response.StatusCode is not (StatusCodes.Status200OK or StatusCodes.Status204NoContent)
            || !TileCatalogue.TryGet(http.GetRouteValue("layer") as string, out var layer)
            || http.Items[GenerationKey] is not long before
            || before != http.RequestServices.GetRequiredService<TileCache>().GenerationOf(layer))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    private static int? RouteInt(HttpContext http, string name) =>
        int.TryParse(http.GetRouteValue(name) as string, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
