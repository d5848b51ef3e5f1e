using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using CohesionGeo.GeoApi.Tiles;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.GeoEngine.Store.Tiles;
using CohesionGeo.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CohesionGeo.Benchmarks.Tiles;

/// <summary>
/// <c>./cohesiongeo bench tiles [--requests N] [--concurrency C]</c>: tile serving, every figure against a peer in the same run,
/// on a SYNTHETIC road grid (a 150 × 150 lattice at 40 m spacing, ~44,700 edges, written to network.edges of the
/// benchmark's own throwaway database near Newport; the real network import is not needed).
/// 1. bare: the roads layer's ST_AsMVT statement run directly with Npgsql (prepared), vs the same tile through the
///    API with the output cache evicted before each request (uncached): ratio, goal ≤ 1.3×;
/// 2. cached tile: server time p50 from ASP.NET Core's own <c>http.server.request.duration</c> metric (goal &lt; 1 ms),
///    beside the loopback round trip;
/// 3. bounded load: a fixed number of cached-tile requests from C concurrent loopback clients: tiles/s and p99 (goal ≥ 5,000/s).
/// </summary>
public static class TileBench
{
    private const int GridSide = 150;
    private const double SpacingMetres = 40;
    private const int Incidents = 40_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = Option(args, "--requests", 50_000);
        var concurrency = Option(args, "--concurrency", 32);
        const int Z = 15;

        var server = await PostgisServer.GetAsync();
        var cs = await server.CreateDatabaseAsync();
        await using var dataSource = GeoDataSource.Create(cs);
        Console.WriteLine($"Database: {server.Description}");
        await SeedGridAsync(dataSource);
        var (x, y) = await CentreTileAsync(dataSource, Z);
        var tile = new TileAddress(Z, x, y);
        var path = $"/tiles/roads/{Z}/{x}/{y}.mvt";

        await using var api = await RunningApi.StartAsync(cs);
        var cache = api.Services.GetRequiredService<TileCache>();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false };
        using var http = new HttpClient(handler) { BaseAddress = api.BaseAddress };
        var bytes = await TileSources.Roads.ReadAsync(dataSource, tile, CancellationToken.None);
        var edges = await ScalarAsync(dataSource, $"SELECT count(*) FROM network.edges WHERE ST_Transform(geom, 3857) && ST_TileEnvelope({Z}, {x}, {y})");
        Console.WriteLine($"SYNTHETIC grid: {await ScalarAsync(dataSource, "SELECT count(*) FROM network.edges")} edges; tile roads/{Z}/{x}/{y}: {edges} edges, {bytes.Length:N0} bytes");

        // 1. bare statement vs uncached API, interleaved so both see the same machine load.
        const int Rounds = 400;
        var bare = new List<double>(Rounds);
        var uncached = new List<double>(Rounds);
        for (var i = 0; i < Rounds + 40; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await TileSources.Roads.ReadAsync(dataSource, tile, CancellationToken.None);
            var bareMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;

            await cache.InvalidateAsync(TileDataKeys.Network);
            var t1 = Stopwatch.GetTimestamp();
            using (var response = await http.GetAsync(path))
            {
                await response.Content.ReadAsByteArrayAsync();
                Check(response);
            }

            var apiMs = Stopwatch.GetElapsedTime(t1).TotalMilliseconds;
            if (i >= 40)
            {
                bare.Add(bareMs);
                uncached.Add(apiMs);
            }
        }

        // 1b. the heaviest public layer: incidents per hex cell (a join and aggregate per tile), as the viewer gets it.
        const int HexZ = 12;
        var (hx, hy) = await CentreTileAsync(dataSource, HexZ);
        var hexTile = new TileAddress(HexZ, hx, hy);
        var hexPath = $"/tiles/incidents/{HexZ}/{hx}/{hy}.mvt";
        var hexBytes = await TileSources.IncidentHexesSuppressed.ReadAsync(dataSource, hexTile, CancellationToken.None);
        var hexBare = new List<double>();
        var hexApi = new List<double>();
        for (var i = 0; i < 110; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await TileSources.IncidentHexesSuppressed.ReadAsync(dataSource, hexTile, CancellationToken.None);
            var bareMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            await cache.InvalidateAsync(TileDataKeys.Incidents);
            var t1 = Stopwatch.GetTimestamp();
            using (var response = await http.GetAsync(hexPath))
            {
                await response.Content.ReadAsByteArrayAsync();
                Check(response);
            }

            if (i >= 10)
            {
                hexBare.Add(bareMs);
                hexApi.Add(Stopwatch.GetElapsedTime(t1).TotalMilliseconds);
            }
        }

        // 1c. the same cells for a month range (?from=&to=: the month-filtered statement, range bound as $5/$6).
        var months = new TileMonthRange(new DateOnly(2023, 1, 1), new DateOnly(2023, 6, 1));
        var rangedPath = $"{hexPath}?from={TileMonthRange.Format(months.First)}&to={TileMonthRange.Format(months.Last)}";
        var rangedBytes = await TileSources.IncidentHexesSuppressed.ReadAsync(dataSource, hexTile, months, CancellationToken.None);
        var rangedBare = new List<double>();
        var rangedApi = new List<double>();
        for (var i = 0; i < 110; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await TileSources.IncidentHexesSuppressed.ReadAsync(dataSource, hexTile, months, CancellationToken.None);
            var bareMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            await cache.InvalidateAsync(TileDataKeys.Incidents);
            var t1 = Stopwatch.GetTimestamp();
            using (var response = await http.GetAsync(rangedPath))
            {
                await response.Content.ReadAsByteArrayAsync();
                Check(response);
            }

            if (i >= 10)
            {
                rangedBare.Add(bareMs);
                rangedApi.Add(Stopwatch.GetElapsedTime(t1).TotalMilliseconds);
            }
        }

        // 2. cached: server-side duration from the hosting metric, and the client round trip.
        using var durations = new ServerDurations();
        var roundTrips = new List<double>(2000);
        for (var i = 0; i < 2200; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            Check(response);
            if (i >= 200)
            {
                roundTrips.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }

        var server50 = Percentile(durations.Values.Skip(200), 0.5);

        // 3. bounded load on the cached tile.
        var latencies = new double[requests];
        var next = -1;
        var wall = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < requests)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                Check(response);
                latencies[n] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
        }).ToArray();
        await Task.WhenAll(workers);
        wall.Stop();
        var perSecond = requests / wall.Elapsed.TotalSeconds;

        var bare50 = Percentile(bare, 0.5);
        var uncached50 = Percentile(uncached, 0.5);
        Console.WriteLine();
        Console.WriteLine($"| measure (roads z{Z}, {edges} edges, {bytes.Length:N0} B) | p50 | p99 | ratio / goal |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| bare ST_AsMVT statement (Npgsql, prepared), {Rounds} runs | {bare50:F2} ms | {Percentile(bare, 0.99):F2} ms | 1.00 (peer) |");
        Console.WriteLine($"| uncached tile through the API (cache evicted each time), {Rounds} runs | {uncached50:F2} ms | {Percentile(uncached, 0.99):F2} ms | {uncached50 / bare50:F2}× bare (goal ≤ 1.3×) |");
        Console.WriteLine($"| incidents z{HexZ} (hex aggregate of {Incidents:N0} SYNTHETIC points, {hexBytes.Length:N0} B): bare statement, 100 runs | {Percentile(hexBare, 0.5):F2} ms | {Percentile(hexBare, 0.99):F2} ms | 1.00 (peer) |");
        Console.WriteLine($"| incidents z{HexZ}: uncached through the API, 100 runs | {Percentile(hexApi, 0.5):F2} ms | {Percentile(hexApi, 0.99):F2} ms | {Percentile(hexApi, 0.5) / Percentile(hexBare, 0.5):F2}× bare (goal ≤ 1.3×) |");
        Console.WriteLine($"| incidents z{HexZ}, 6 of 12 months (?from={TileMonthRange.Format(months.First)}&to={TileMonthRange.Format(months.Last)}, {rangedBytes.Length:N0} B): bare statement, 100 runs | {Percentile(rangedBare, 0.5):F2} ms | {Percentile(rangedBare, 0.99):F2} ms | {Percentile(rangedBare, 0.5) / Percentile(hexBare, 0.5):F2}× the unfiltered bare statement |");
        Console.WriteLine($"| incidents z{HexZ}, 6 months: uncached through the API, 100 runs | {Percentile(rangedApi, 0.5):F2} ms | {Percentile(rangedApi, 0.99):F2} ms | {Percentile(rangedApi, 0.5) / Percentile(rangedBare, 0.5):F2}× its bare statement (goal ≤ 1.3×) |");
        Console.WriteLine($"| cached tile, server time (http.server.request.duration), 2000 runs | {server50:F3} ms | {Percentile(durations.Values.Skip(200), 0.99):F3} ms | {uncached50 / server50:F0}× faster than uncached (goal p50 < 1 ms) |");
        Console.WriteLine($"| cached tile, loopback round trip, 2000 runs | {Percentile(roundTrips, 0.5):F3} ms | {Percentile(roundTrips, 0.99):F3} ms | |");
        Console.WriteLine($"| cached load: {requests:N0} requests, {concurrency} concurrent clients | {Percentile(latencies, 0.5):F2} ms | {Percentile(latencies, 0.99):F2} ms | {perSecond:N0} tiles/s (goal ≥ 5,000/s) |");

        await api.DisposeAsync();
        await dataSource.DisposeAsync();
        await server.DropDatabaseAsync(cs);
        return 0;
    }

    private static void Check(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"tile answered {(int)response.StatusCode}");
        }
    }

    private static async Task SeedGridAsync(Npgsql.NpgsqlDataSource dataSource)
    {
        // SYNTHETIC: a lattice of straight 40 m edges; every 10th row/column is a 'primary', the rest 'residential'.
        await using var cmd = dataSource.CreateCommand($"""
            INSERT INTO network.edges (id, source, target, highway, name, length_m, lit, cost_walk, reverse_cost_walk, cost_cycle, reverse_cost_cycle, cost_drive, reverse_cost_drive, geom)
            SELECT row_number() OVER (), 0, 0,
                   CASE WHEN (CASE WHEN dir = 0 THEN j ELSE i END) % 10 = 0 THEN 'primary' ELSE 'residential' END,
                   'Synthetic ' || CASE WHEN dir = 0 THEN 'Row ' || j ELSE 'Column ' || i END, {SpacingMetres}, 'yes', 30, 30, 10, 10, 5, 5,
                   ST_SetSRID(ST_MakeLine(ST_MakePoint(328000 + i * {SpacingMetres}, 185000 + j * {SpacingMetres}),
                                          ST_MakePoint(328000 + (i + 1 - dir) * {SpacingMetres}, 185000 + (j + dir) * {SpacingMetres})), 27700)
            FROM generate_series(0, {GridSide - 1}) AS i, generate_series(0, {GridSide - 1}) AS j, generate_series(0, 1) AS dir
            WHERE (dir = 0 AND i < {GridSide - 1}) OR (dir = 1 AND j < {GridSide - 1});
            ANALYZE network.edges;
            -- SYNTHETIC incidents: {Incidents} uniformly random points over the grid (fixed seed), spread over the 12 months of 2023, and the 250 m hex grid.
            SELECT setseed(0.42);
            INSERT INTO risk.incidents (month, category, location, row_key, geom)
            SELECT (date '2023-01-01' + (n % 12) * interval '1 month')::date, 'synthetic', 'Synthetic', 'syn-' || n,
                   ST_SetSRID(ST_MakePoint(328000 + random() * {GridSide * SpacingMetres}, 185000 + random() * {GridSide * SpacingMetres}), 27700)
            FROM generate_series(1, {Incidents}) AS n;
            SELECT places.ensure_hex_grid(250, ST_MakeEnvelope(328000, 185000, {328000 + (GridSide * SpacingMetres)}, {185000 + (GridSide * SpacingMetres)}, 27700));
            ANALYZE risk.incidents;
            ANALYZE places.areas;
            """);
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<(int X, int Y)> CentreTileAsync(Npgsql.NpgsqlDataSource dataSource, int z)
    {
        var centre = GridSide * SpacingMetres / 2;
        await using var cmd = dataSource.CreateCommand(string.Create(CultureInfo.InvariantCulture,
            $"SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint({328000 + centre}, {185000 + centre}), 27700), 3857) AS p) AS c"));
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        var world = TileAddress.WorldWidthMetres;
        var n = 1 << z;
        var x = (int)Math.Floor((reader.GetDouble(0) + (world / 2)) / world * n);
        var y = (int)Math.Floor(((world / 2) - reader.GetDouble(1)) / world * n);
        return (x, y);
    }

    private static async Task<long> ScalarAsync(Npgsql.NpgsqlDataSource dataSource, string sql)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static double Percentile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(q * sorted.Length))];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
    }
}
