namespace CohesionGeo.GeoApi.Hosting;

/// <summary>What <see cref="ApiHost"/> needs to build the web application.</summary>
/// <param name="ConnectionString">A migrated CohesionGeo database.</param>
/// <param name="Port">Port on 127.0.0.1; 0 for a free one.</param>
/// <param name="WebRoot">Built map (<c>src/web-map/dist</c>); served only when it exists.</param>
/// <param name="EmbeddedDatabase">Shown in <c>/health</c>.</param>
/// <param name="ListenAddress">IP address to bind; loopback by default.</param>
public sealed record ApiSettings(string ConnectionString, int Port, string? WebRoot, bool EmbeddedDatabase, string ListenAddress = "127.0.0.1");
