using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoEngine.Accessibility;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Osm;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.TestSupport;
using Npgsql;
using NpgsqlTypes;

namespace CohesionGeo.GeoApi.Tests.Access;

/// <summary>
/// On the real Newport network and the real OSM GPs and homes: for a sample of dwellings, the walk time
/// to the nearest GP agrees with pgRouting's <c>pgr_dijkstraCost</c> over the same edges (written to a
/// table with the graph's own costs), adding the same link legs on both sides.
/// </summary>
public sealed class PgRoutingAgreementTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Sampled_dwelling_times_agree_with_pgr_dijkstraCost()
    {
        var data = Path.Combine(CohesionGeoOptions.FindHome(), "data");
        var graph = RoutingGraph.FromNetwork(OsmNetworkReader.ReadFile(Path.Combine(data, "osm", "newport-2023-06-13.osm.pbf")));
        var places = OsmPlacesReader.Read(Path.Combine(data, "osm", "newport-2023-06-13.osm.pbf"));
        var settings = TravelSettings.Default;
        var linker = new PointLinker(graph, TravelMode.Walk);
        var gps = linker.LinkAll(places.Facilities.Where(f => f.Kind == "gp").Select(f => (f.Easting, f.Northing)).ToList());
        var sample = places.Dwellings.Where((_, i) => i % 1500 == 0).Select(d => (d.Easting, d.Northing)).ToList();
        var homes = linker.LinkAll(sample);

        var access = ServiceAccessCalculator.Compute(homes, gps, settings);

        await WriteEdgesAsync(graph, TravelMode.Walk);
        var arrive = new List<Seed[]>();
        for (var j = 0; j < gps.Count; j++)
        {
            var seeds = new Seed[2];
            arrive.Add(seeds[..gps.ArrivingSeeds(j, settings, seeds)]);
        }

        var targets = arrive.SelectMany(a => a).Select(a => (long)a.Node).Distinct().ToArray();
        var checkedCount = 0;
        for (var i = 0; i < homes.Count; i++)
        {
            var buffer = new Seed[2];
            var leave = buffer[..homes.LeavingSeeds(i, settings, buffer)];
            var costs = await PgrCostsAsync(leave.Select(l => (long)l.Node).Distinct().ToArray(), targets);
            var best = double.PositiveInfinity;
            for (var j = 0; j < gps.Count; j++)
            {
                foreach (var l in leave)
                {
                    foreach (var a in arrive[j])
                    {
                        var path = l.Node == a.Node ? 0 : costs.GetValueOrDefault((l.Node, a.Node), double.PositiveInfinity);
                        best = Math.Min(best, l.Seconds + path + a.Seconds);
                    }
                }

                best = Math.Min(best, LinkedPointSet.AlongSharedEdgeSeconds(graph, TravelMode.Walk, homes[i], gps[j], settings));
            }

            if (double.IsPositiveInfinity(best))
            {
                Assert.True(float.IsPositiveInfinity(access.NearestSeconds[i]));
            }
            else
            {
                Assert.InRange(access.NearestSeconds[i], best - 0.5, best + 0.5);
                checkedCount++;
            }
        }

        Assert.True(checkedCount >= 15, $"only {checkedCount} sampled dwellings reach a GP");
    }

    private async Task WriteEdgesAsync(RoutingGraph graph, TravelMode mode)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE public.test_edges (id bigint, source bigint, target bigint, cost float8, reverse_cost float8)", conn))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var copy = await conn.BeginBinaryImportAsync("COPY public.test_edges FROM STDIN (FORMAT BINARY)");
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var f = graph.EdgeSeconds(e, mode, false);
            var r = graph.EdgeSeconds(e, mode, true);
            await copy.StartRowAsync();
            await copy.WriteAsync((long)e, NpgsqlDbType.Bigint);
            await copy.WriteAsync((long)graph.EdgeSource(e), NpgsqlDbType.Bigint);
            await copy.WriteAsync((long)graph.EdgeTarget(e), NpgsqlDbType.Bigint);
            await copy.WriteAsync(float.IsFinite(f) ? f : -1.0, NpgsqlDbType.Double);
            await copy.WriteAsync(float.IsFinite(r) ? r : -1.0, NpgsqlDbType.Double);
        }

        await copy.CompleteAsync();
    }

    private async Task<Dictionary<(long, long), double>> PgrCostsAsync(long[] from, long[] to)
    {
        await using var cmd = db.DataSource.CreateCommand(
            "SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCost('SELECT id, source, target, cost, reverse_cost FROM public.test_edges', $1::bigint[], $2::bigint[], directed => true)");
        cmd.Parameters.AddWithValue(from);
        cmd.Parameters.AddWithValue(to);
        var result = new Dictionary<(long, long), double>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[(reader.GetInt64(0), reader.GetInt64(1))] = reader.GetDouble(2);
        }

        return result;
    }
}
