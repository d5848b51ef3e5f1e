using Npgsql;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>Reads stored per-dwelling results of <c>access.dwelling_times</c> (e.g. walk times, which transit access takes the better of). SQL only.</summary>
public static class AccessTimesReader
{
    /// <summary>Per dwelling id: seconds to the nearest facility (null = none or not linked) and the 15/30-minute counts, for one (kind, mode).</summary>
    public static async Task<Dictionary<long, (float? Seconds, int Within15, int Within30)>> ReadAsync(NpgsqlConnection conn, string kind, string mode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conn);
        await using var cmd = new NpgsqlCommand("SELECT dwelling_id, seconds, within_15, within_30 FROM access.dwelling_times WHERE kind = $1 AND mode = $2", conn);
        cmd.Parameters.AddWithValue(kind);
        cmd.Parameters.AddWithValue(mode);
        var result = new Dictionary<long, (float?, int, int)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetInt64(0)] = (reader.IsDBNull(1) ? null : reader.GetFloat(1), reader.GetInt32(2), reader.GetInt32(3));
        }

        return result;
    }
}
