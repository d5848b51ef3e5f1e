using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>
/// A private PostgreSQL cluster kept in a folder of ours, made and started with the system's
/// <c>initdb</c> and <c>pg_ctl</c> (as the <c>postgres</c> user when we are root, because both refuse root).
/// It listens on 127.0.0.1 (password, SCRAM) and on a Unix socket inside the folder.
/// </summary>
/// <remarks>
/// Layout under <see cref="RootDirectory"/>: <c>cluster/pgdata</c>, <c>cluster/socket</c>,
/// <c>cluster/postgres.log</c> (owned by the server's user) and <c>secret</c> (the password, mode 0600).
/// A cluster found running (for example after the previous owner was killed) is adopted, not restarted.
/// </remarks>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private const string ServerUser = "postgres";
    private readonly PostgresBinaries _binaries;
    private readonly string _password;
    private bool _stopped;

    private EmbeddedCluster(string root, PostgresBinaries binaries, string password, int port, bool adopted)
    {
        RootDirectory = root;
        _binaries = binaries;
        _password = password;
        Port = port;
        AdoptedRunningServer = adopted;
    }

    /// <summary>True when the server was already running and this instance only connected to it.</summary>
    public bool AdoptedRunningServer { get; }

    /// <summary>The folder that holds the cluster (for example <c>.cohesiongeo/</c>).</summary>
    public string RootDirectory { get; }

    /// <summary>TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    private string ClusterDirectory => Path.Combine(RootDirectory, "cluster");

    private string DataDirectory => Path.Combine(ClusterDirectory, "pgdata");

    private string SocketDirectory => Path.Combine(ClusterDirectory, "socket");

    private string LogFile => Path.Combine(ClusterDirectory, "postgres.log");

    /// <summary>Where the server writes its log, for error messages.</summary>
    public string ServerLogPath => LogFile;

    /// <summary>Connection string for <paramref name="database"/> over TCP on 127.0.0.1.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServerUser,
        Password = _password,
        Database = database,
    }.ConnectionString;

    /// <summary>
    /// Creates the cluster if the folder has none, then starts it (or adopts one already running).
    /// </summary>
    /// <param name="rootDirectory">Folder for the cluster; created if missing.</param>
    /// <param name="durable">False turns off fsync: right for throwaway test clusters only.</param>
    /// <param name="cancellationToken">Cancels waiting on the helper programs.</param>
    /// <exception cref="StoreException">A missing program, a folder the server user cannot use, or a failed start.</exception>
    public static async Task<EmbeddedCluster> StartAsync(string rootDirectory, bool durable, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Locate();
        var root = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(root);
        var password = ReadOrCreateSecret(Path.Combine(root, "secret"));
        var probe = new EmbeddedCluster(root, binaries, password, 0, adopted: false);

        if (!File.Exists(Path.Combine(probe.DataDirectory, "PG_VERSION")))
        {
            await probe.InitialiseAsync(durable, cancellationToken);
        }

        var runningPort = await probe.RunningPortAsync(cancellationToken);
        if (runningPort is int livePort)
        {
            return new EmbeddedCluster(root, binaries, password, livePort, adopted: true);
        }

        var port = ChoosePort(Path.Combine(root, "port"));
        var cluster = new EmbeddedCluster(root, binaries, password, port, adopted: false);
        await cluster.StartServerAsync(durable, cancellationToken);
        return cluster;
    }

    /// <summary>Creates <paramref name="database"/> if it does not exist.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        DatabaseName.Validate(database);
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            // CREATE DATABASE takes no parameters; the name was validated as a plain identifier above.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", conn);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Stops the server (fast shutdown). Safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        var result = await ProcessRunner.RunAsync(_binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], ServerUser, CancellationToken.None);
        if (result.ExitCode != 0 && !result.Output.Contains("Is server running?", StringComparison.Ordinal))
        {
            throw new StoreException($"The embedded database did not stop cleanly: {result.Output}");
        }
    }

    /// <summary>Stops the server, then deletes the whole folder: for throwaway clusters.</summary>
    public async Task DestroyAsync()
    {
        await StopAsync();
        Directory.Delete(RootDirectory, recursive: true);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// Stops whatever server runs on the cluster in <paramref name="rootDirectory"/> and deletes the folder:
    /// for sweeping throwaway clusters whose owner died.
    /// </summary>
    public static async Task StopAndDeleteAsync(string rootDirectory)
    {
        var dataDirectory = Path.Combine(rootDirectory, "cluster", "pgdata");
        if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            await ProcessRunner.RunAsync(PostgresBinaries.Locate().PgCtl, ["stop", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "30"], ServerUser, CancellationToken.None);
        }

        Directory.Delete(rootDirectory, recursive: true);
    }

    private async Task InitialiseAsync(bool durable, CancellationToken ct)
    {
        var partial = DataDirectory + ".partial";
        Directory.CreateDirectory(ClusterDirectory);
        Directory.CreateDirectory(SocketDirectory);
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        var pwFile = Path.Combine(ClusterDirectory, "initdb.pw");
        await File.WriteAllTextAsync(pwFile, _password, ct);
        await HandToServerUserAsync(ClusterDirectory, ct);
        try
        {
            List<string> args = ["-D", partial, "-U", ServerUser, "-E", "UTF8", "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile", pwFile];
            if (!durable)
            {
                args.Add("--no-sync");
            }

            var result = await ProcessRunner.RunAsync(_binaries.InitDb, args, ServerUser, ct);
            if (result.ExitCode != 0)
            {
                throw new StoreException(
                    result.Output.Contains("Permission denied", StringComparison.Ordinal)
                        ? $"The '{ServerUser}' user cannot write to {ClusterDirectory}: make every parent folder traversable (chmod o+x) or run from another folder."
                        : $"initdb failed, so the embedded database was not created: {result.Output}");
            }

            Directory.Move(partial, DataDirectory);
        }
        finally
        {
            File.Delete(pwFile);
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }
        }
    }

    private async Task StartServerAsync(bool durable, CancellationToken ct)
    {
        File.WriteAllText(Path.Combine(RootDirectory, "port"), Port.ToString(CultureInfo.InvariantCulture));
        var options = string.Join(' ',
            $"-p {Port}",
            $"-k '{SocketDirectory}'",
            "-c listen_addresses=127.0.0.1",
            "-c max_connections=200",
            durable ? string.Empty : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        var result = await ProcessRunner.RunAsync(_binaries.PgCtl, ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options], ServerUser, ct);
        if (result.ExitCode != 0)
        {
            var tail = File.Exists(LogFile) ? string.Join(" | ", File.ReadLines(LogFile).TakeLast(3)) : result.Output;
            throw new StoreException($"The embedded database at {DataDirectory} did not start: {tail}");
        }
    }

    /// <summary>The port of a server already running on this data folder, if any.</summary>
    private async Task<int?> RunningPortAsync(CancellationToken ct)
    {
        var status = await ProcessRunner.RunAsync(_binaries.PgCtl, ["status", "-D", DataDirectory], ServerUser, ct);
        if (status.ExitCode != 0)
        {
            return null;
        }

        // postmaster.pid: line 4 is the port (see PostgreSQL's pidfile.h).
        var lines = File.ReadAllLines(Path.Combine(DataDirectory, "postmaster.pid"));
        return lines.Length > 3 && int.TryParse(lines[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    private static async Task HandToServerUserAsync(string directory, CancellationToken ct)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        var result = await ProcessRunner.RunAsync("chown", ["-R", $"{ServerUser}:{ServerUser}", directory], asUser: null, ct);
        if (result.ExitCode != 0)
        {
            throw new StoreException($"Could not give {directory} to the '{ServerUser}' user: {result.Output}");
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static string ReadOrCreateSecret(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(18));
        SecretFile.Write(path, secret, FileMode.CreateNew);
        return secret;
    }

    /// <summary>Reuses the last port when it is free, so a user's saved db-url keeps working.</summary>
    private static int ChoosePort(string portFile)
    {
        if (File.Exists(portFile)
            && int.TryParse(File.ReadAllText(portFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            && IsFree(last))
        {
            return last;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
