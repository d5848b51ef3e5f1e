using System.Text.Json;
using CohesionGeo.GeoEngine.Network;
using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// Replaces <c>network.nodes</c> and <c>network.edges</c> with a network in ONE transaction (truncate,
/// binary COPY, record in <c>network.imports</c>): a failed or cancelled import leaves the previous network
/// as it was. Ids are 1-based row order (node i → id i+1, edge e → id e+1). The same file (by SHA-256)
/// imported again writes nothing.
/// </summary>
public static class NetworkWriter
{
    /// <summary>The SHA-256 of the latest import, or null when none.</summary>
    public static async Task<string?> LatestSha256Async(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var cmd = dataSource.CreateCommand("SELECT sha256 FROM network.imports ORDER BY id DESC LIMIT 1");
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Writes the network; progress 0..1 over the rows copied.</summary>
    public static async Task<NetworkImportResult> ReplaceAsync(
        NpgsqlDataSource dataSource, RoadNetwork network, string sourceFile, string sha256, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(network);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var truncate = new NpgsqlCommand("TRUNCATE network.edges, network.nodes", conn, tx))
        {
            await truncate.ExecuteNonQueryAsync(ct);
        }

        var total = Math.Max(1, network.Nodes.Count + network.Edges.Count);
        var done = 0;
        var factory = BritishNationalGrid.Factory;
        await using (var nodes = await conn.BeginBinaryImportAsync("COPY network.nodes (id, osm_id, geom) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < network.Nodes.Count; i++)
            {
                var n = network.Nodes[i];
                await nodes.StartRowAsync(ct);
                await nodes.WriteAsync((long)i + 1, NpgsqlDbType.Bigint, ct);
                if (n.OsmId != 0)
                {
                    await nodes.WriteAsync(n.OsmId, NpgsqlDbType.Bigint, ct);
                }
                else
                {
                    await nodes.WriteNullAsync(ct);
                }

                await nodes.WriteAsync(factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(n.X, n.Y)), NpgsqlDbType.Geometry, ct);
                if (++done % 20_000 == 0)
                {
                    progress?.Report((double)done / total);
                }
            }

            await nodes.CompleteAsync(ct);
        }

        await using (var edges = await conn.BeginBinaryImportAsync(
            "COPY network.edges (id, source, target, osm_way_id, highway, name, length_m, lit, cost_walk, reverse_cost_walk, cost_cycle, reverse_cost_cycle, cost_drive, reverse_cost_drive, service, footway, access, geom) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var e = 0; e < network.Edges.Count; e++)
            {
                var edge = network.Edges[e];
                if (edge.Geometry is null)
                {
                    throw new ArgumentException($"Edge {e} has no geometry; network.edges needs one.", nameof(network));
                }

                await edges.StartRowAsync(ct);
                await edges.WriteAsync((long)e + 1, NpgsqlDbType.Bigint, ct);
                await edges.WriteAsync((long)edge.Source + 1, NpgsqlDbType.Bigint, ct);
                await edges.WriteAsync((long)edge.Target + 1, NpgsqlDbType.Bigint, ct);
                await edges.WriteAsync(edge.OsmWayId, NpgsqlDbType.Bigint, ct);
                await WriteTextAsync(edges, edge.Highway, ct);
                await WriteTextAsync(edges, edge.Name, ct);
                await edges.WriteAsync(edge.LengthMetres, NpgsqlDbType.Double, ct);
                await WriteTextAsync(edges, edge.Lit, ct);
                foreach (var mode in TravelModes.All)
                {
                    await edges.WriteAsync(Cost(edge.Seconds[(int)mode]), NpgsqlDbType.Double, ct);
                    await edges.WriteAsync(Cost(edge.ReverseSeconds[(int)mode]), NpgsqlDbType.Double, ct);
                }

                await WriteTextAsync(edges, edge.Service, ct);
                await WriteTextAsync(edges, edge.Footway, ct);
                await WriteTextAsync(edges, edge.Access, ct);
                await edges.WriteAsync(edge.Geometry, NpgsqlDbType.Geometry, ct);
                if (++done % 20_000 == 0)
                {
                    progress?.Report((double)done / total);
                }
            }

            await edges.CompleteAsync(ct);
        }

        long importId;
        await using (var record = new NpgsqlCommand(
            "INSERT INTO network.imports (source_file, sha256, nodes, edges, islands) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id", conn, tx))
        {
            record.Parameters.AddWithValue(sourceFile);
            record.Parameters.AddWithValue(sha256);
            record.Parameters.AddWithValue(network.Nodes.Count);
            record.Parameters.AddWithValue(network.Edges.Count);
            record.Parameters.AddWithValue(JsonSerializer.Serialize(network.Islands.Select(i => new
            {
                mode = i.Mode.ToWire(),
                components = i.Components,
                kept_edges = i.KeptEdges,
                island_edges = i.IslandEdges,
                island_length_m = Math.Round(i.IslandLengthMetres, 1),
            })));
            importId = (long)(await record.ExecuteScalarAsync(ct))!;
        }

        await tx.CommitAsync(ct);
        await using (var analyze = new NpgsqlCommand("ANALYZE network.nodes; ANALYZE network.edges", conn))
        {
            await analyze.ExecuteNonQueryAsync(ct);
        }

        progress?.Report(1.0);
        return new NetworkImportResult(importId, network.Nodes.Count, network.Edges.Count, Unchanged: false);
    }

    private static double Cost(double seconds) => seconds >= 0 && double.IsFinite(seconds) ? seconds : -1;

    private static async Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken ct)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(ct);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Text, ct);
        }
    }
}
