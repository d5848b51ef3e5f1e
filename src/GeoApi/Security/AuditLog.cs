using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoApi.Security;

/// <summary>Writes <c>audit.events</c>: every read of restricted data and every change.</summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    /// <param name="caller">Who.</param>
    /// <param name="action">Verb, for example <c>read</c>, <c>create</c>, <c>update</c>, <c>import</c>.</param>
    /// <param name="resource">What, for example <c>tiles/sites</c> or <c>tension_reports/42</c>.</param>
    /// <param name="detail">Optional JSON-serialisable detail (no raw restricted content).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task WriteAsync(Caller caller, string action, string resource, object? detail, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("INSERT INTO audit.events (actor, role, action, resource, detail) VALUES ($1, $2, $3, $4, $5)");
        cmd.Parameters.AddWithValue(caller.Name);
        cmd.Parameters.AddWithValue(RoleNames.ToWire(caller.Role));
        cmd.Parameters.AddWithValue(action);
        cmd.Parameters.AddWithValue(resource);
        cmd.Parameters.Add(new NpgsqlParameter { Value = detail is null ? DBNull.Value : JsonSerializer.Serialize(detail), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
