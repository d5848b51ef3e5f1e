using CohesionGeo.GeoEngine.Network;
using NetTopologySuite.Geometries;
using Npgsql;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>Reads <c>network.nodes</c>/<c>network.edges</c> into a <see cref="RoutingGraph"/> (costs: negative = impassable).</summary>
public static class NetworkReader
{
    /// <summary>The id of the latest import (0 when none): the API's cue to reload.</summary>
    public static async Task<long> LatestImportIdAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var cmd = dataSource.CreateCommand("SELECT coalesce(max(id), 0) FROM network.imports");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Reads the whole network in one snapshot; null when it is empty.</summary>
    public static async Task<LoadedNetwork?> ReadAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        long importId;
        await using (var latest = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM network.imports", conn, tx))
        {
            importId = (long)(await latest.ExecuteScalarAsync(ct))!;
        }

        var nodeIds = new List<long>();
        var index = new Dictionary<long, int>();
        await using (var cmd = new NpgsqlCommand("SELECT id FROM network.nodes ORDER BY id", conn, tx))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                index[id] = nodeIds.Count;
                nodeIds.Add(id);
            }
        }

        if (nodeIds.Count == 0)
        {
            return null;
        }

        var source = new List<int>();
        var target = new List<int>();
        var edgeIds = new List<long>();
        var seconds = new List<double>[TravelModes.Count];
        var reverse = new List<double>[TravelModes.Count];
        for (var m = 0; m < TravelModes.Count; m++)
        {
            seconds[m] = [];
            reverse[m] = [];
        }

        var geometry = new List<LineString?>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT id, source, target, cost_walk, reverse_cost_walk, cost_cycle, reverse_cost_cycle, cost_drive, reverse_cost_drive, geom FROM network.edges ORDER BY id", conn, tx))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                if (!index.TryGetValue(reader.GetInt64(1), out var s) || !index.TryGetValue(reader.GetInt64(2), out var t))
                {
                    throw new StoreException($"network.edges row {id} refers to a node missing from network.nodes.");
                }

                edgeIds.Add(id);
                source.Add(s);
                target.Add(t);
                for (var m = 0; m < TravelModes.Count; m++)
                {
                    seconds[m].Add(reader.GetDouble(3 + (2 * m)));
                    reverse[m].Add(reader.GetDouble(4 + (2 * m)));
                }

                geometry.Add(reader.GetFieldValue<LineString>(9));
            }
        }

        await tx.CommitAsync(ct);
        var graph = RoutingGraph.Build(
            nodeIds.Count,
            [.. source],
            [.. target],
            seconds.Select(l => l.ToArray()).ToArray(),
            reverse.Select(l => l.ToArray()).ToArray(),
            [.. geometry],
            [.. edgeIds]);
        return new LoadedNetwork(graph, [.. nodeIds], importId);
    }
}
