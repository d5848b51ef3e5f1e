using CohesionGeo.GeoEngine.Store.Tiles;

namespace CohesionGeo.GeoEngine.Tests.Store.Tiles;

public class TileSqlTests
{
    [Theory]
    [InlineData("edges", "\"edges\"")]
    [InlineData("a\"b", "\"a\"\"b\"")]
    [InlineData("x\"; DROP TABLE t; --", "\"x\"\"; DROP TABLE t; --\"")]
    public void Identifiers_are_double_quoted_with_embedded_quotes_doubled(string name, string quoted) =>
        Assert.Equal(quoted, TileSql.QuoteIdentifier(name));

    [Fact]
    public void Layer_names_are_single_quoted_literals() => Assert.Equal("'it''s'", TileSql.QuoteLiteral("it's"));

    [Theory]
    [InlineData(0, 0, 0, true)]
    [InlineData(1, 1, 1, true)]
    [InlineData(1, 2, 0, false)]
    [InlineData(22, 4194303, 4194303, true)]
    [InlineData(22, 4194304, 0, false)]
    [InlineData(23, 0, 0, false)]
    [InlineData(-1, 0, 0, false)]
    [InlineData(3, -1, 0, false)]
    public void Tile_addresses_are_checked_against_the_zoom(int z, int x, int y, bool valid) =>
        Assert.Equal(valid, TileAddress.IsValid(z, x, y));

    [Fact]
    public void The_simplification_tolerance_is_one_tile_unit()
    {
        // Zoom 0: the whole Web Mercator width over 4096 units.
        Assert.Equal(40075016.685578488 / 4096, new TileAddress(0, 0, 0).UnitMetres, 6);
        Assert.Equal(new TileAddress(10, 0, 0).UnitMetres / 2, new TileAddress(11, 0, 0).UnitMetres, 9);
    }

    [Fact]
    public void Every_source_filters_on_the_indexed_tile_crs_expression_and_binds_the_tile()
    {
        var sources = typeof(TileSources).GetFields().Where(f => f.FieldType == typeof(TileQuery)).Select(f => (TileQuery)f.GetValue(null)!).ToList();
        Assert.NotEmpty(sources);
        foreach (var q in sources)
        {
            Assert.Contains("ST_Transform(t.geom, 3857) && ST_TileEnvelope($1, $2, $3, margin => 0.015625)".Replace("t.", q.Sql.Contains("AS a ", StringComparison.Ordinal) ? "a." : "t.", StringComparison.Ordinal), q.Sql, StringComparison.Ordinal);
            Assert.Contains("ST_AsMVTGeom(", q.Sql, StringComparison.Ordinal);
            Assert.Equal(q.UsesTolerance, q.Sql.Contains("$4", StringComparison.Ordinal));
        }
    }
}
