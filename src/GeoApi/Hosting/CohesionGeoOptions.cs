using System.Globalization;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>
/// Settings read once from the environment and validated before anything starts.
/// <c>COHESIONGEO_PORT</c>, <c>COHESIONGEO_LISTEN</c>, <c>COHESIONGEO_DB</c>, <c>COHESIONGEO_HOME</c>.
/// </summary>
public sealed record CohesionGeoOptions
{
    public const int DefaultPort = 5080;

    /// <summary>The checkout: holds <c>data/</c>, <c>src/web-map/dist</c> and the private <c>.cohesiongeo/</c>.</summary>
    public required string Home { get; init; }

    /// <summary>HTTP port on 127.0.0.1; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Address to listen on: 127.0.0.1 unless <c>COHESIONGEO_LISTEN</c> says otherwise (containers).</summary>
    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>An external PostgreSQL/PostGIS connection string; null means the embedded cluster.</summary>
    public string? DatabaseUrl { get; init; }

    public string StateDirectory => Path.Combine(Home, ".cohesiongeo");

    public string DataDirectory => Path.Combine(Home, "data");

    public string WebRoot => Path.Combine(Home, "src", "web-map", "dist");

    /// <exception cref="OptionsException">A value is out of range.</exception>
    public static CohesionGeoOptions FromEnvironment()
    {
        var portText = Environment.GetEnvironmentVariable("COHESIONGEO_PORT");
        var port = DefaultPort;
        if (!string.IsNullOrWhiteSpace(portText)
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new OptionsException($"COHESIONGEO_PORT='{portText}' is not a port number (1-65535).");
        }

        var listen = Environment.GetEnvironmentVariable("COHESIONGEO_LISTEN");
        if (!string.IsNullOrWhiteSpace(listen) && !System.Net.IPAddress.TryParse(listen, out _))
        {
            throw new OptionsException($"COHESIONGEO_LISTEN='{listen}' is not an IP address (for example 127.0.0.1 or 0.0.0.0).");
        }

        var db = Environment.GetEnvironmentVariable("COHESIONGEO_DB");
        return new CohesionGeoOptions
        {
            Home = FindHome(),
            Port = port,
            ListenAddress = string.IsNullOrWhiteSpace(listen) ? "127.0.0.1" : listen,
            DatabaseUrl = string.IsNullOrWhiteSpace(db) ? null : db,
        };
    }

    /// <summary><c>COHESIONGEO_HOME</c>, else the nearest folder above the program holding CohesionGeo.sln, else the current folder.</summary>
    public static string FindHome()
    {
        var fromEnv = Environment.GetEnvironmentVariable("COHESIONGEO_HOME");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Path.GetFullPath(fromEnv);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CohesionGeo.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
