using System.Net;
using System.Net.Sockets;
using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoEngine.Store;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;

namespace CohesionGeo.GeoApi.Cli;

/// <summary><c>run</c>: database up, sample data loaded once, API and map served until Ctrl-C or SIGTERM.</summary>
internal sealed class RunVerb : ICliVerb
{
    public string Name => "run";

    public string Usage => "run                               start the database, load data/ on first start, serve API and map";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var options = CohesionGeoOptions.FromEnvironment();
        _ = Tiles.TileOptions.FromEnvironment(); // tile cache settings: refuse bad values before the database starts
        EnsurePortFree(IPAddress.Parse(options.ListenAddress), options.Port);
        var started = System.Diagnostics.Stopwatch.StartNew();

        await using var database = await ProvisionedDatabase.OpenAsync(options, stopAdopted: true, ct);
        Console.WriteLine(database.IsEmbedded
            ? $"Embedded PostGIS ready under {options.StateDirectory} ({started.Elapsed.TotalSeconds:F1} s)."
            : "Using the database in COHESIONGEO_DB.");
        await DatabaseSetup.PrepareAsync(database.ConnectionString, line => Console.WriteLine($"  migration: {line}"), ct);

        await using (var dataSource = GeoDataSource.Create(database.ConnectionString))
        {
            var loaded = await DataLoadPipeline.RunPendingAsync(dataSource, options.DataDirectory, DataLoadSteps.All, ct);
            foreach (var line in loaded)
            {
                Console.WriteLine($"  loaded {line}");
            }

            await PrintSummaryAsync(dataSource, ct);
            await EnsureAdminTokenAsync(dataSource, options, ct);
        }

        var settings = new ApiSettings(database.ConnectionString, options.Port, options.WebRoot, database.IsEmbedded, options.ListenAddress);
        await using var app = ApiHost.Build(settings);
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsException(PortBusyMessage(options.Port), ex);
        }

        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"CohesionGeo is up in {started.Elapsed.TotalSeconds:F1} s: map {url}/ , health {url}/health , API description {url}/openapi . Ctrl-C stops it.");
        try
        {
            await app.WaitForShutdownAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM: fall through to a clean stop.
        }

        await app.StopAsync(CancellationToken.None);
        Console.WriteLine("Stopping: server closed, database shutting down.");
        return 0;
    }

    /// <summary>On the very first start, make an admin user and leave its token in a 0600 file.</summary>
    private static async Task EnsureAdminTokenAsync(NpgsqlDataSource dataSource, CohesionGeoOptions options, CancellationToken ct)
    {
        var users = new Security.ApiUserStore(dataSource);
        if (await users.AnyAsync(ct))
        {
            return;
        }

        var token = await users.CreateAsync("admin", Security.Role.Admin, ct);
        Directory.CreateDirectory(options.StateDirectory);
        var path = Path.Combine(options.StateDirectory, "admin-token");
        SecretFile.Write(path, token, FileMode.Create);

        Console.WriteLine($"Created the first API user 'admin'; its token is in {path}. Add others with ./cohesiongeo users add NAME ROLE.");
    }

    private static void EnsurePortFree(IPAddress address, int port)
    {
        try
        {
            using var probe = new TcpListener(address, port);
            probe.Start();
            probe.Stop();
        }
        catch (SocketException ex)
        {
            throw new OptionsException(PortBusyMessage(port), ex);
        }
    }

    private static string PortBusyMessage(int port) =>
        $"Port {port} on 127.0.0.1 is already in use; stop the program using it or choose another with COHESIONGEO_PORT=<port>.";

    private static async Task PrintSummaryAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var status = await StoreStatusReader.ReadAsync(dataSource, ct);
        Console.WriteLine($"PostgreSQL {status.PostgresVersion}, PostGIS {status.PostGisVersion}, pgRouting {status.PgRoutingVersion}.");
        Console.WriteLine("Loaded: " + string.Join(", ", status.Counts.Select(kv => $"{kv.Key} {kv.Value:N0}")));
    }
}
