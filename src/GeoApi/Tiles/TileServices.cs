namespace CohesionGeo.GeoApi.Tiles;

/// <summary>Registers tile serving: options (validated now), the ASP.NET Core output cache and <see cref="TileCache"/>.</summary>
public static class TileServices
{
    public static IServiceCollection AddTiles(this IServiceCollection services)
    {
        services.AddSingleton(TileOptions.FromEnvironment());
        services.AddOutputCache(o => o.MaximumBodySize = 8 * 1024 * 1024);
        services.AddSingleton<TileCache>();
        return services;
    }
}
