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
            foreach (var variant in layer.Variants)
            {
                var q = variant.Query;
                var types = q.UsesTolerance ? "integer, integer, integer, double precision" : "integer, integer, integer";
                var args = q.UsesTolerance ? "15, 16240, 10870, 1.0" : "15, 16240, 10870";
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

                Assert.True(plan.Any(line => line.Contains("_3857_gix", StringComparison.Ordinal)), $"{layer.Id}/{variant.Class}:\n{string.Join('\n', plan)}");
            }
        }
    }
}
