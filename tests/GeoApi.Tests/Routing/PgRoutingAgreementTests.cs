using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.TestSupport;
using Npgsql;

namespace CohesionGeo.GeoApi.Tests.Routing;

/// <summary>The engine against pgRouting (the independent router) on the real Newport network, same edges.</summary>
public class PgRoutingAgreementTests(NewportDatabase newport) : IClassFixture<NewportDatabase>
{
    [Theory]
    [InlineData(TravelMode.Walk)]
    [InlineData(TravelMode.Cycle)]
    [InlineData(TravelMode.Drive)]
    public async Task Engine_times_equal_pgr_dijkstraCost_for_400_random_node_pairs(TravelMode mode)
    {
        var loaded = (await NetworkReader.ReadAsync(newport.Db.DataSource))!;
        var random = new Random(20230613 + (int)mode);
        var n = loaded.NodeIds.Length;
        var sources = Enumerable.Range(0, 40).Select(_ => random.Next(n)).Distinct().ToArray();
        var pairs = sources.SelectMany(s => Enumerable.Range(0, 10).Select(_ => (S: s, T: random.Next(n)))).Where(p => p.S != p.T).Distinct().ToList();
        Assert.True(pairs.Count >= 300);

        var pgr = await PgrCostsAsync(newport.Db.DataSource, PgRoutingEdges.Sql[mode], pairs.Select(p => (loaded.NodeIds[p.S], loaded.NodeIds[p.T])).ToList());
        var search = new DijkstraSearch(loaded.Graph);
        int reachable = 0, unreachable = 0;
        foreach (var group in pairs.GroupBy(p => p.S))
        {
            search.Run(mode, [new Seed(group.Key, 0)], SearchOptions.Default);
            foreach (var (s, t) in group)
            {
                var ours = search.Seconds[t];
                if (pgr.TryGetValue((loaded.NodeIds[s], loaded.NodeIds[t]), out var theirs))
                {
                    Assert.True(Math.Abs(ours - theirs) <= 0.5, $"{mode} {loaded.NodeIds[s]}→{loaded.NodeIds[t]}: engine {ours} s, pgRouting {theirs} s");
                    reachable++;
                }
                else
                {
                    Assert.True(float.IsPositiveInfinity(ours), $"{mode} {loaded.NodeIds[s]}→{loaded.NodeIds[t]}: pgRouting finds no path, engine says {ours} s");
                    unreachable++;
                }
            }
        }

        Assert.True(reachable >= 150, $"{mode}: only {reachable} reachable pairs");
        Assert.True(unreachable > 0, $"{mode}: no unreachable pair was sampled, so that half is untested");
    }

    [Fact]
    public async Task British_National_Grid_transform_agrees_with_PostGIS_on_network_nodes()
    {
        await using var cmd = newport.Db.DataSource.CreateCommand(
            "SELECT ST_X(geom), ST_Y(geom), ST_X(ST_Transform(geom, 4326)), ST_Y(ST_Transform(geom, 4326)) FROM network.nodes ORDER BY id LIMIT 200");
        await using var reader = await cmd.ExecuteReaderAsync();
        var checkedPoints = 0;
        while (await reader.ReadAsync())
        {
            var (x, y) = BritishNationalGrid.FromWgs84(reader.GetDouble(2), reader.GetDouble(3));
            Assert.Equal(reader.GetDouble(0), x, 0.05);
            Assert.Equal(reader.GetDouble(1), y, 0.05);
            checkedPoints++;
        }

        Assert.Equal(200, checkedPoints);

        // A known point: PostGIS/PROJ's own EPSG:27700 for Newport's Westgate Hotel corner (lon -2.9975, lat 51.5884).
        await using var known = newport.Db.DataSource.CreateCommand("SELECT ST_X(p), ST_Y(p) FROM ST_Transform(ST_SetSRID(ST_MakePoint(-2.9975, 51.5884), 4326), 27700) AS p");
        await using var r = await known.ExecuteReaderAsync();
        await r.ReadAsync();
        var (kx, ky) = BritishNationalGrid.FromWgs84(-2.9975, 51.5884);
        Assert.Equal(r.GetDouble(0), kx, 0.05);
        Assert.Equal(r.GetDouble(1), ky, 0.05);
        Assert.InRange(kx, 330_000, 333_000); // Newport city centre is around E 331 km, N 188 km
        Assert.InRange(ky, 187_000, 189_000);
    }

    [Fact]
    public async Task Stored_network_matches_what_was_imported_and_pgrouting_sees_islands_as_impassable()
    {
        Assert.Equal(newport.Import.Nodes, await newport.Db.ScalarAsync<long>("SELECT count(*) FROM network.nodes"));
        Assert.Equal(newport.Import.Edges, await newport.Db.ScalarAsync<long>("SELECT count(*) FROM network.edges"));
        Assert.Equal(0L, await newport.Db.ScalarAsync<long>("SELECT count(*) FROM network.edges e WHERE NOT EXISTS (SELECT 1 FROM network.nodes n WHERE n.id = e.source)"));
        Assert.Equal(0L, await newport.Db.ScalarAsync<long>("SELECT count(*) FROM network.edges WHERE abs(ST_Length(geom) - length_m) > 0.001"));
        // pgr_connectedComponents on the walkable edges: one piece only (islands were made impassable).
        var pieces = await newport.Db.ScalarAsync<long>(
            "SELECT count(DISTINCT component) FROM pgr_connectedComponents('SELECT id, source, target, 1.0 AS cost, 1.0 AS reverse_cost FROM network.edges WHERE cost_walk >= 0 OR reverse_cost_walk >= 0')");
        Assert.Equal(1L, pieces);
        var islands = await newport.Db.ScalarAsync<long>("SELECT jsonb_array_length(islands)::bigint FROM network.imports ORDER BY id DESC LIMIT 1");
        Assert.Equal(3L, islands);
    }

    private static async Task<Dictionary<(long, long), double>> PgrCostsAsync(NpgsqlDataSource dataSource, string edgeSql, List<(long S, long T)> pairs)
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

        var result = new Dictionary<(long, long), double>();
        await using var cmd = new NpgsqlCommand("SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCost($1, 'SELECT source, target FROM pairs', true)", conn);
        cmd.Parameters.AddWithValue(edgeSql);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[(reader.GetInt64(0), reader.GetInt64(1))] = reader.GetDouble(2);
        }

        return result;
    }
}
