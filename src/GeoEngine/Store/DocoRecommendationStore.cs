using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoEngine.Store;

/// <summary><c>risk.doco_recommendations</c>: recommendations on planning applications and their adoption.</summary>
public static class DocoRecommendationStore
{
    private const string Columns = "id, application_ref, site_id, recommendation, made_on, adopted, decided_on, created_by, updated_by";

    public static async Task<DocoRecommendationRow> AddAsync(
        NpgsqlDataSource dataSource, string applicationRef, long? siteId, string recommendation, DateOnly madeOn, string actor, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            INSERT INTO risk.doco_recommendations (application_ref, site_id, recommendation, made_on, created_by)
            VALUES ($1, $2, $3, $4, $5) RETURNING {Columns}
            """);
        cmd.Parameters.AddWithValue(applicationRef);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)siteId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.AddWithValue(recommendation);
        cmd.Parameters.Add(new NpgsqlParameter { Value = madeOn, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.AddWithValue(actor);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return Read(reader);
    }

    /// <summary>Records the planning decision on a recommendation.</summary>
    /// <returns>The updated row, or null when there is no such recommendation.</returns>
    public static async Task<DocoRecommendationRow?> DecideAsync(NpgsqlDataSource dataSource, long id, bool adopted, DateOnly decidedOn, string actor, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            UPDATE risk.doco_recommendations SET adopted = $2, decided_on = $3, updated_by = $4, updated_at = now()
            WHERE id = $1 RETURNING {Columns}
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(adopted);
        cmd.Parameters.Add(new NpgsqlParameter { Value = decidedOn, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.AddWithValue(actor);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Recommendations, optionally for one application, oldest first.</summary>
    public static async Task<IReadOnlyList<DocoRecommendationRow>> ListAsync(NpgsqlDataSource dataSource, string? applicationRef, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM risk.doco_recommendations WHERE ($1::text IS NULL OR application_ref = $1) ORDER BY made_on, id");
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)applicationRef ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var list = new List<DocoRecommendationRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static DocoRecommendationRow Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetString(3), r.GetFieldValue<DateOnly>(4),
        r.IsDBNull(5) ? null : r.GetBoolean(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateOnly>(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8));
}
