using System.Diagnostics;
using CohesionGeo.GeoApi.Hosting;
using Npgsql;

namespace CohesionGeo.GeoApi.Cli;

/// <summary><c>psql</c>: open psql on the database in use (extra arguments go to psql).</summary>
internal sealed class PsqlVerb : ICliVerb
{
    public string Name => "psql";

    public string Usage => "psql [psql args]                  open psql on the database in use";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var options = CohesionGeoOptions.FromEnvironment();
        await using var database = await ProvisionedDatabase.OpenAsync(options, stopAdopted: false, ct);
        var csb = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var psi = new ProcessStartInfo("psql") { UseShellExecute = false };
        psi.ArgumentList.Add("-h");
        psi.ArgumentList.Add(csb.Host ?? "127.0.0.1");
        psi.ArgumentList.Add("-p");
        psi.ArgumentList.Add(csb.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        psi.ArgumentList.Add("-U");
        psi.ArgumentList.Add(csb.Username ?? "postgres");
        psi.ArgumentList.Add("-d");
        psi.ArgumentList.Add(csb.Database ?? "postgres");
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // The password goes through the environment, never the command line (visible in ps).
        if (csb.Password is { } password)
        {
            psi.Environment["PGPASSWORD"] = password;
        }

        using var psql = Process.Start(psi) ?? throw new InvalidOperationException("psql did not start.");
        await psql.WaitForExitAsync(CancellationToken.None);
        return psql.ExitCode;
    }
}
