using CohesionGeo.GeoApi.Tiles;
using CohesionGeo.TestSupport;
using Npgsql;

namespace CohesionGeo.GeoApi.Tests.Tiles;

public class TileSourcesTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    /// <summary>The filter expression must match the 0501 expression index exactly, or every tile scans the table.</summary>
    [Fact]
    public async Task Every_layer_query_can_use_an_index_on_the_tile_crs()
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", conn))
        {
            await off.ExecuteNonQueryAsync();
        }

        foreach (var layer in TileCatalogue.Layers)
        {
            // Each variant, and its month-filtered form (bound with $4 always, then the two dates) where it has one.
            foreach (var (q, ranged) in layer.Variants.SelectMany(v => v.Query.ByMonth is { } m ? new[] { (v.Query, false), (m, true) } : [(v.Query, false)]))
            {
                var types = ranged ? "integer, integer, integer, double precision, date, date" : q.UsesTolerance ? "integer, integer, integer, double precision" : "integer, integer, integer";
                var args = ranged ? "15, 16240, 10870, 1.0, '2023-01-01', '2024-01-01'" : q.UsesTolerance ? "15, 16240, 10870, 1.0" : "15, 16240, 10870";
                await using (var prepare = new NpgsqlCommand($"PREPARE tile_q({types}) AS {q.Sql}", conn))
                {
                    await prepare.ExecuteNonQueryAsync();
                }

                var plan = new List<string>();
                await using (var explain = new NpgsqlCommand($"EXPLAIN EXECUTE tile_q({args})", conn))
                await using (var reader = await explain.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        plan.Add(reader.GetString(0));
                    }
                }

                await using (var deallocate = new NpgsqlCommand("DEALLOCATE tile_q", conn))
                {
                    await deallocate.ExecuteNonQueryAsync();
                }

                Assert.True(plan.Any(line => line.Contains("_3857_gix", StringComparison.Ordinal)), $"{layer.Id}/{q.LayerName} (month range: {ranged}):\n{string.Join('\n', plan)}");
            }
        }
    }
}
