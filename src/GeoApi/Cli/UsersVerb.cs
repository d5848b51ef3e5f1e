using CohesionGeo.GeoApi.Hosting;
using CohesionGeo.GeoApi.Security;

namespace CohesionGeo.GeoApi.Cli;

/// <summary><c>users add NAME ROLE</c>: create an API user and print its token once.</summary>
internal sealed class UsersVerb : ICliVerb
{
    public string Name => "users";

    public string Usage => "users add NAME ROLE               create an API user (viewer|planner|doco|cohesion_lead|admin); prints its token once";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count != 3 || args[0] != "add")
        {
            throw new CliUsageException("expected: users add NAME ROLE.");
        }

        if (!RoleNames.TryParse(args[2], out var role))
        {
            throw new CliUsageException($"unknown role '{args[2]}'; roles are viewer, planner, doco, cohesion_lead, admin.");
        }

        var options = CohesionGeoOptions.FromEnvironment();
        await using var database = await CliDatabase.OpenAsync(options, ct);
        var dataSource = database.DataSource;
        var token = await new ApiUserStore(dataSource).CreateAsync(args[1], role, ct);
        Console.WriteLine(token);
        await Console.Error.WriteLineAsync($"User '{args[1]}' ({args[2]}) created; the token above is not stored anywhere in clear: keep it.");
        return 0;
    }
}
