using System.Globalization;

namespace CohesionGeo.GeoEngine.Store;

/// <summary>Finds the PostgreSQL server programs (<c>initdb</c>, <c>pg_ctl</c>) of the newest installed major version.</summary>
public sealed record PostgresBinaries(string BinDirectory, int MajorVersion)
{
    public const string InstallHint =
        "apt-get install -y postgresql-15 postgresql-15-postgis-3 postgresql-15-pgrouting";

    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    public string Psql => File.Exists(Path.Combine(BinDirectory, "psql")) ? Path.Combine(BinDirectory, "psql") : "psql";

    /// <summary>Looks in <c>COHESIONGEO_PG_BIN</c>, then <c>/usr/lib/postgresql/*/bin</c>.</summary>
    /// <exception cref="StoreException">No <c>initdb</c> was found.</exception>
    public static PostgresBinaries Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("COHESIONGEO_PG_BIN");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            if (!File.Exists(Path.Combine(fromEnv, "initdb")))
            {
                throw new StoreException($"COHESIONGEO_PG_BIN={fromEnv} has no initdb; point it at a PostgreSQL bin folder or unset it.");
            }

            return new PostgresBinaries(fromEnv, 0);
        }

        const string root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var best = Directory.EnumerateDirectories(root)
                .Select(d => (dir: d, ok: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v), version: v))
                .Where(x => x.ok && File.Exists(Path.Combine(x.dir, "bin", "initdb")) && File.Exists(Path.Combine(x.dir, "bin", "pg_ctl")))
                .OrderByDescending(x => x.version)
                .FirstOrDefault();
            if (best.dir is not null)
            {
                return new PostgresBinaries(Path.Combine(best.dir, "bin"), best.version);
            }
        }

        throw new StoreException(
            $"PostgreSQL's initdb was not found, so the embedded database cannot start; install it with `{InstallHint}` or set COHESIONGEO_DB to an existing PostGIS database.");
    }
}
