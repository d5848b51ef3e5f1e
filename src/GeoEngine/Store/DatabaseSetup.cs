using System.Reflection;
using DbUp;
using DbUp.Engine.Output;
using Npgsql;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// Makes a database ready for CohesionGeo: reachable, with PostGIS and pgRouting, and every
/// migration in <c>Store/Migrations</c> applied in name order (each in its own transaction).
/// </summary>
public static class DatabaseSetup
{
    private static readonly string[] RequiredExtensions = ["postgis", "pgrouting"];

    /// <summary>Checks, creates extensions and migrates. Idempotent.</summary>
    /// <param name="connectionString">Any PostgreSQL 13+ with PostGIS 3 and pgRouting 3 installed.</param>
    /// <param name="log">Receives one line per applied migration; may be null.</param>
    /// <param name="cancellationToken">Cancels the checks (not a running migration).</param>
    /// <exception cref="StoreException">Unreachable server, missing extensions or a failed migration.</exception>
    public static async Task PrepareAsync(string connectionString, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        if (csb.Timeout == 15)
        {
            csb.Timeout = 10;
        }

        await using (var conn = await OpenOrExplainAsync(csb, cancellationToken))
        {
            await EnsureExtensionsAsync(conn, csb, cancellationToken);
        }

        var upgrader = DeployChanges.To
            .PostgresqlDatabase(csb.ConnectionString)
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.Contains(".Store.Migrations.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(new LineLog(log))
            .Build();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new StoreException(
                $"Migration {result.ErrorScript?.Name ?? "(unknown)"} failed and was rolled back: {result.Error?.Message}", result.Error!);
        }
    }

    /// <summary>Opens a connection or throws one sentence naming the server and the cause.</summary>
    public static async Task<NpgsqlConnection> OpenOrExplainAsync(NpgsqlConnectionStringBuilder csb, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(csb.ConnectionString);
        try
        {
            await conn.OpenAsync(ct);
            return conn;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await conn.DisposeAsync();
            var reason = ex.InnerException?.Message ?? ex.Message;
            throw new StoreException(
                $"Cannot reach the database {csb.Database} at {csb.Host}:{csb.Port} ({reason}); check COHESIONGEO_DB, or unset it to use the embedded database.", ex);
        }
    }

    private static async Task EnsureExtensionsAsync(NpgsqlConnection conn, NpgsqlConnectionStringBuilder csb, CancellationToken ct)
    {
        var available = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand("SELECT name FROM pg_available_extensions WHERE name = ANY($1)", conn))
        {
            cmd.Parameters.AddWithValue(RequiredExtensions);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                available.Add(reader.GetString(0));
            }
        }

        var missing = RequiredExtensions.Where(e => !available.Contains(e)).ToArray();
        if (missing.Length > 0)
        {
            throw new StoreException(
                $"The server at {csb.Host}:{csb.Port} lacks the {string.Join(" and ", missing)} extension(s); install them there (on Debian: {PostgresBinaries.InstallHint}).");
        }

        foreach (var ext in RequiredExtensions)
        {
            try
            {
                // Extension names come from the constant list above, never from input.
                await using var create = new NpgsqlCommand($"CREATE EXTENSION IF NOT EXISTS {ext}", conn);
                await create.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException ex)
            {
                throw new StoreException($"Could not create extension {ext} in {csb.Database} ({ex.MessageText}); ask its owner to run CREATE EXTENSION {ext}.", ex);
            }
        }
    }

    private sealed class LineLog(Action<string>? sink) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }

        public void LogDebug(string format, params object[] args) { }

        public void LogInformation(string format, params object[] args)
        {
            if (sink is not null && format.StartsWith("Executing", StringComparison.Ordinal))
            {
                sink(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
            }
        }

        public void LogWarning(string format, params object[] args) =>
            sink?.Invoke(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogError(string format, params object[] args) =>
            sink?.Invoke(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogError(Exception ex, string format, params object[] args) =>
            sink?.Invoke(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
