using CohesionGeo.GeoEngine.Store.Tiles;

namespace CohesionGeo.GeoEngine.Tests.Store.Tiles;

public class TileMonthRangeTests
{
    [Theory]
    [InlineData("2023-01", 2023, 1)]
    [InlineData("2000-01", 2000, 1)]
    [InlineData("2099-12", 2099, 12)]
    public void A_month_written_yyyy_MM_is_read(string text, int year, int month)
    {
        Assert.True(TileMonthRange.TryParseMonth(text, out var parsed));
        Assert.Equal(new DateOnly(year, month, 1), parsed);
        Assert.Equal(text, TileMonthRange.Format(parsed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2023-1")]
    [InlineData("2023-00")]
    [InlineData("2023-13")]
    [InlineData("2023/01")]
    [InlineData("2023-01-01")]
    [InlineData(" 2023-01")]
    [InlineData("+023-01")]
    [InlineData("1999-12")]
    [InlineData("2100-01")]
    [InlineData("२०२३-01")]
    public void Anything_else_is_refused(string? text) => Assert.False(TileMonthRange.TryParseMonth(text, out _));

    [Fact]
    public void A_range_counts_whole_months_both_ends_included_and_ends_before_the_next_month()
    {
        var range = new TileMonthRange(new DateOnly(2022, 11, 17), new DateOnly(2023, 2, 3));
        Assert.Equal(new DateOnly(2022, 11, 1), range.First);
        Assert.Equal(new DateOnly(2023, 2, 1), range.Last);
        Assert.Equal(new DateOnly(2023, 3, 1), range.EndExclusive);
        Assert.Equal(4, range.Months);
        Assert.Equal(1, new TileMonthRange(range.Last, range.Last).Months);
        Assert.Equal("2022-11..2023-02", range.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TileMonthRange(new DateOnly(2023, 2, 1), new DateOnly(2023, 1, 31)));
    }
}
