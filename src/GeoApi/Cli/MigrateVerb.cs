using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoEngine.Store;

namespace CohesionGeo.GeoApi.Cli;

/// <summary><c>migrate</c>: apply pending schema migrations and stop.</summary>
internal sealed class MigrateVerb : ICliVerb
{
    public string Name => "migrate";

    public string Usage => "migrate                           apply pending schema migrations";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var options = CohesionGeoOptions.FromEnvironment();
        await using var database = await ProvisionedDatabase.OpenAsync(options, stopAdopted: false, ct);
        await DatabaseSetup.PrepareAsync(database.ConnectionString, line => Console.WriteLine($"  migration: {line}"), ct);
        Console.WriteLine("Schema is up to date.");
        return 0;
    }
}
