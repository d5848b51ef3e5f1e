using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoEngine.Accessibility;
using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Import;
using CohesionGeo.GeoEngine.Osm;
using CohesionGeo.GeoEngine.Store;
using CohesionGeo.GeoEngine.Routing;
using CohesionGeo.TestSupport;

namespace CohesionGeo.GeoApi.Tests.Access;

/// <summary>
/// On the real Newport network (imported into <c>network.edges</c> by the routing import) and the real
/// OSM GPs and homes: for a sample of dwellings, the walk time to the nearest GP agrees with pgRouting's
/// <c>pgr_dijkstraCost</c> on <c>network.edges</c>, adding the same link legs on both sides.
/// </summary>
public sealed class PgRoutingAgreementTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Sampled_dwelling_times_agree_with_pgr_dijkstraCost()
    {
        var data = Path.Combine(CohesionGeoOptions.FindHome(), "data");
        await OsmNetworkImport.RunAsync(db.DataSource, Path.Combine(data, "osm", "newport-2023-06-13.osm.pbf"));
        var loaded = (await NetworkReader.ReadAsync(db.DataSource))!;
        var graph = loaded.Graph;
        var places = OsmPlacesReader.Read(Path.Combine(data, "osm", "newport-2023-06-13.osm.pbf"));
        var settings = TravelSettings.Default;
        var linker = new PointLinker(graph, TravelMode.Walk);
        var gps = linker.LinkAll(places.Facilities.Where(f => f.Kind == "gp").Select(f => (f.Easting, f.Northing)).ToList());
        var sample = places.Dwellings.Where((_, i) => i % 1500 == 0).Select(d => (d.Easting, d.Northing)).ToList();
        var homes = linker.LinkAll(sample);

        var access = ServiceAccessCalculator.Compute(homes, gps, settings);

        var arrive = new List<Seed[]>();
        for (var j = 0; j < gps.Count; j++)
        {
            var seeds = new Seed[2];
            arrive.Add(seeds[..gps.ArrivingSeeds(j, settings, seeds)]);
        }

        var targets = arrive.SelectMany(a => a).Select(a => loaded.NodeIds[a.Node]).Distinct().ToArray();
        var checkedCount = 0;
        for (var i = 0; i < homes.Count; i++)
        {
            var buffer = new Seed[2];
            var leave = buffer[..homes.LeavingSeeds(i, settings, buffer)];
            var costs = await PgrCostsAsync(leave.Select(l => loaded.NodeIds[l.Node]).Distinct().ToArray(), targets);
            var best = double.PositiveInfinity;
            for (var j = 0; j < gps.Count; j++)
            {
                foreach (var l in leave)
                {
                    foreach (var a in arrive[j])
                    {
                        var path = l.Node == a.Node ? 0 : costs.GetValueOrDefault((loaded.NodeIds[l.Node], loaded.NodeIds[a.Node]), double.PositiveInfinity);
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

    private async Task<Dictionary<(long, long), double>> PgrCostsAsync(long[] from, long[] to)
    {
        await using var cmd = db.DataSource.CreateCommand(
            "SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCost('SELECT id, source, target, cost_walk AS cost, reverse_cost_walk AS reverse_cost FROM network.edges', $1::bigint[], $2::bigint[], directed => true)");
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
