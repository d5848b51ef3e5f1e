using Npgsql;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>Reads versions and row counts. Table names come from a fixed list, never from input.</summary>
public static class StoreStatusReader
{
    /// <summary>Tables counted for <c>/health</c> (key, table); add one here when a feature starts filling it.</summary>
    public static readonly IReadOnlyList<(string Key, string Table)> CountedTables =
    [
        ("nodes", "network.nodes"), ("edges", "network.edges"),
        ("facilities", "places.facilities"), ("areas", "places.areas"), ("dwellings", "places.dwellings"), ("sites", "places.sites"),
        ("incidents", "risk.incidents"), ("tension_reports", "risk.tension_reports"), ("doco_features", "risk.doco_features"),
        ("audit_events", "audit.events"),
        ("transit_stops", "transit.stops"), ("transit_trips", "transit.trips"),
    ];

    public static async Task<StoreStatus> ReadAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        string pg, postgis, pgr;
        await using (var cmd = new NpgsqlCommand("SELECT current_setting('server_version'), postgis_lib_version(), pgr_version()", conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            pg = reader.GetString(0);
            postgis = reader.GetString(1);
            pgr = reader.GetString(2);
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, table) in CountedTables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", conn);
            counts[key] = (long)(await count.ExecuteScalarAsync(ct))!;
        }

        return new StoreStatus(pg, postgis, pgr, counts);
    }
}
