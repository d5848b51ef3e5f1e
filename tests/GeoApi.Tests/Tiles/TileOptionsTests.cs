using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoApi.Tiles;

namespace CohesionGeo.GeoApi.Tests.Tiles;

public class TileOptionsTests
{
    [Fact]
    public void Defaults_apply_when_nothing_is_set()
    {
        var options = TileOptions.FromEnvironment(_ => null);
        Assert.Equal(60, options.BrowserMaxAgeSeconds);
        Assert.Equal(1440, options.ServerCacheMinutes);
        Assert.Equal(256, options.ServerCacheMegabytes);
    }

    [Fact]
    public void Values_are_read()
    {
        var env = new Dictionary<string, string> { ["COHESIONGEO_TILE_MAX_AGE"] = "0", ["COHESIONGEO_TILE_CACHE_MINUTES"] = "5", ["COHESIONGEO_TILE_CACHE_MB"] = "64" };
        var options = TileOptions.FromEnvironment(env.GetValueOrDefault);
        Assert.Equal((0, 5, 64), (options.BrowserMaxAgeSeconds, options.ServerCacheMinutes, options.ServerCacheMegabytes));
    }

    [Theory]
    [InlineData("COHESIONGEO_TILE_MAX_AGE", "-1")]
    [InlineData("COHESIONGEO_TILE_MAX_AGE", "sixty")]
    [InlineData("COHESIONGEO_TILE_CACHE_MINUTES", "0")]
    [InlineData("COHESIONGEO_TILE_CACHE_MB", "99999999")]
    public void A_bad_value_is_refused_naming_the_variable(string name, string value)
    {
        var ex = Assert.Throws<OptionsException>(() => TileOptions.FromEnvironment(n => n == name ? value : null));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }
}
