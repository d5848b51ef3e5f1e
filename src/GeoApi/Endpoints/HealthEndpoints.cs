using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoEngine.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CohesionGeo.GeoApi.Endpoints;

/// <summary><c>GET /health</c>: is the database there, which versions, and what is loaded.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealthAsync).WithName("health").WithSummary("Service and database status with counts of loaded data.");
        return routes;
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> GetHealthAsync(
        NpgsqlDataSource dataSource, ApiSettings settings, ILoggerFactory loggers, CancellationToken ct)
    {
        try
        {
            var status = await StoreStatusReader.ReadAsync(dataSource, ct);
            var data = status.Counts
                .Where(kv => kv.Key is not ("nodes" or "edges"))
                .ToDictionary(kv => kv.Key, kv => kv.Value);
            return TypedResults.Ok(new HealthResponse(
                "ok",
                new DatabaseHealth(true, settings.EmbeddedDatabase, status.PostgresVersion, status.PostGisVersion, status.PgRoutingVersion, null),
                new NetworkHealth(status.Counts["nodes"], status.Counts["edges"]),
                data));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            Log.HealthDatabaseUnreachable(loggers.CreateLogger(typeof(HealthEndpoints)), ex);
            return TypedResults.Json(
                new HealthResponse("unavailable", new DatabaseHealth(false, settings.EmbeddedDatabase, null, null, null, ex.Message), new NetworkHealth(0, 0), new Dictionary<string, long>()),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

public sealed record HealthResponse(string Status, DatabaseHealth Database, NetworkHealth Network, IReadOnlyDictionary<string, long> Data);

public sealed record DatabaseHealth(bool Reachable, bool Embedded, string? Postgres, string? Postgis, string? Pgrouting, string? Error);

public sealed record NetworkHealth(long Nodes, long Edges);
