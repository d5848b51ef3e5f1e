using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.TestSupport;
using Npgsql;

namespace CohesionGeo.GeoApi.Tests.Routing;

/// <summary>
/// Route lengths of the engine's fastest routes against pgRouting on the real Newport edges: for node pairs,
/// the length carried by <see cref="DijkstraSearch.RunWithLengths"/> equals the sum of <c>length_m</c> along
/// the path <c>pgr_dijkstra</c> returns on the same edges and costs.
/// </summary>
public class RouteLengthPgRoutingTests(NewportDatabase newport) : IClassFixture<NewportDatabase>
{
    [Theory]
    [InlineData(TravelMode.Walk)]
    [InlineData(TravelMode.Cycle)]
    [InlineData(TravelMode.Drive)]
    public async Task Length_of_the_fastest_route_equals_the_length_along_pgr_dijkstras_path(TravelMode mode)
    {
        var loaded = (await NetworkReader.ReadAsync(newport.Db.DataSource))!;
        var graph = loaded.Graph;
        Assert.True(graph.HasLengths);
        var random = new Random(8 + (int)mode);
        var n = loaded.NodeIds.Length;
        var sources = Enumerable.Range(0, 15).Select(_ => random.Next(n)).Distinct().ToArray();
        var pairs = sources.SelectMany(s => Enumerable.Range(0, 10).Select(_ => (S: s, T: random.Next(n)))).Where(p => p.S != p.T).Distinct().ToList();
        var paths = await PgrPathsAsync(newport.Db.DataSource, PgRoutingEdges.Sql[mode], pairs.Select(p => (loaded.NodeIds[p.S], loaded.NodeIds[p.T])).ToList());
        var edgeIndex = graph.EdgeIds!.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var nodeIndex = loaded.NodeIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);

        var search = new DijkstraSearch(graph);
        int equal = 0, ties = 0;
        foreach (var group in pairs.GroupBy(p => p.S))
        {
            search.RunWithLengths(mode, [new Seed(group.Key, 0)], [0], SearchOptions.Default);
            foreach (var (s, t) in group)
            {
                if (!paths.TryGetValue((loaded.NodeIds[s], loaded.NodeIds[t]), out var path))
                {
                    Assert.True(float.IsPositiveInfinity(search.Seconds[t]));
                    continue;
                }

                var ours = search.LengthsMm[t] / 1000.0;
                var theirs = path.Sum(e => e.LengthM);
                if (Math.Abs(ours - theirs) <= 0.001 * (path.Count + 1))
                {
                    equal++;
                    continue;
                }

                // A different path of the same time (a tie) is the only excuse: pgRouting's path, costed with the
                // engine's own float edge times, must take exactly as long as the engine's fastest route.
                var cost = 0f;
                foreach (var (node, edge, _) in path)
                {
                    var e = edgeIndex[edge];
                    cost += graph.EdgeSeconds(e, mode, reverse: graph.EdgeSource(e) != nodeIndex[node]);
                }

                Assert.True(Math.Abs(cost - search.Seconds[t]) <= 1e-4 * search.Seconds[t] + 1e-3,
                    $"{mode} {loaded.NodeIds[s]}→{loaded.NodeIds[t]}: engine {ours:F3} m in {search.Seconds[t]} s, pgr_dijkstra {theirs:F3} m in {cost} s");
                ties++;
            }
        }

        Assert.True(equal >= 60, $"{mode}: only {equal} pairs compared");
        Assert.True(ties <= equal / 20, $"{mode}: {ties} ties of equal time against {equal} equal lengths");
    }

    [Fact]
    public async Task Matrix_with_lengths_gives_the_time_only_matrix_bit_for_bit()
    {
        var loaded = (await NetworkReader.ReadAsync(newport.Db.DataSource))!;
        var context = new RoutingContext(loaded.Graph);
        var (x, y) = BritishNationalGrid.FromWgs84(-2.9977, 51.5885);
        var random = new Random(88);
        var points = Enumerable.Range(0, 40).Select(_ => (x + random.Next(-1500, 1500), y + random.Next(-1500, 1500))).ToArray();
        foreach (var mode in new[] { TravelMode.Walk, TravelMode.Drive })
        {
            var origins = context.Link(mode, [(x, y), points[0]]);
            var destinations = context.Link(mode, points);
            var times = TravelTimeMatrix.Compute(origins, destinations, TravelSettings.Default);
            var (seconds, metres) = TravelTimeMatrix.ComputeWithLengths(origins, destinations, TravelSettings.Default);
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(times[i], seconds[i]);
                for (var j = 0; j < points.Length; j++)
                {
                    // At least the straight line between the two points, and finite exactly when the time is.
                    Assert.Equal(float.IsFinite(times[i][j]), double.IsFinite(metres[i][j]));
                    var (ox, oy) = i == 0 ? (x, y) : points[0];
                    Assert.True(!double.IsFinite(metres[i][j]) || metres[i][j] >= Math.Sqrt(Math.Pow(points[j].Item1 - ox, 2) + Math.Pow(points[j].Item2 - oy, 2)) - 0.01);
                }
            }
        }
    }

    private static async Task<Dictionary<(long, long), List<(long Node, long Edge, double LengthM)>>> PgrPathsAsync(NpgsqlDataSource dataSource, string edgeSql, List<(long S, long T)> pairs)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE pairs (source bigint, target bigint)", conn))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var copy = await conn.BeginBinaryImportAsync("COPY pairs (source, target) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (s, t) in pairs)
            {
                await copy.WriteRowAsync(default, s, t);
            }

            await copy.CompleteAsync();
        }

        var result = new Dictionary<(long, long), List<(long, long, double)>>();
        await using var cmd = new NpgsqlCommand("""
            SELECT p.start_vid, p.end_vid, p.node, p.edge, e.length_m
            FROM pgr_dijkstra($1, 'SELECT source, target FROM pairs', true) p
            JOIN network.edges e ON e.id = p.edge
            ORDER BY p.start_vid, p.end_vid, p.path_seq
            """, conn);
        cmd.Parameters.AddWithValue(edgeSql);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = (reader.GetInt64(0), reader.GetInt64(1));
            if (!result.TryGetValue(key, out var list))
            {
                result[key] = list = [];
            }

            list.Add((reader.GetInt64(2), reader.GetInt64(3), reader.GetDouble(4)));
        }

        return result;
    }
}
