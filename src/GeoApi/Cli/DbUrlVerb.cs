using CohesionGeo.GeoApi.Hosting;

namespace CohesionGeo.GeoApi.Cli;

/// <summary><c>db-url</c>: print the connection string of the database in use.</summary>
internal sealed class DbUrlVerb : ICliVerb
{
    public string Name => "db-url";

    public string Usage => "db-url                            print the connection string of the database in use";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var options = CohesionGeoOptions.FromEnvironment();
        // Starts the embedded cluster only if it is not running, and leaves it as it found it.
        await using var database = await ProvisionedDatabase.OpenAsync(options, stopAdopted: false, ct);
        Console.WriteLine(database.ConnectionString);
        return 0;
    }
}
