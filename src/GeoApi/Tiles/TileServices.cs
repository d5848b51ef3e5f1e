namespace CohesionGeo.GeoApi.Tiles;

/// <summary>Registers tile serving: options (validated now), the ASP.NET Core output cache, <see cref="TileCache"/> and its database listener.</summary>
public static class TileServices
{
    public static IServiceCollection AddTiles(this IServiceCollection services)
    {
        var options = TileOptions.FromEnvironment();
        services.AddSingleton(options);
        services.AddOutputCache(o =>
        {
            o.SizeLimit = options.ServerCacheMegabytes * 1024L * 1024L;
            o.MaximumBodySize = 8 * 1024 * 1024;
        });
        services.AddSingleton<TileCache>();
        services.AddHostedService<TileInvalidationListener>();
        return services;
    }
}
