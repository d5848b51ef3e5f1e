using Npgsql;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>The one way to make an <see cref="NpgsqlDataSource"/>: with NetTopologySuite geometry mapping.</summary>
public static class GeoDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNetTopologySuite();
        return builder.Build();
    }
}
