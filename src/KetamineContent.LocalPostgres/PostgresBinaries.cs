namespace KetamineContent.LocalPostgres;

/// <summary>Finds the PostgreSQL server binaries (initdb, pg_ctl, postgres) on this machine.</summary>
public static class PostgresBinaries
{
    public const string HowToInstall =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with " +
        "'sudo apt-get install -y postgresql' (Debian/Ubuntu), or set PG_BIN to the folder that holds them, " +
        "or point the API at a running server with ConnectionStrings__Content=\"Host=...;Database=...;Username=...;Password=...\", " +
        "or start one with 'docker compose up db'.";

    /// <summary>The folder holding initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/N/bin, else PATH.</summary>
    public static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrWhiteSpace(fromEnv) && HasServer(fromEnv))
        {
            return fromEnv;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => HasServer(x.Dir))
                .OrderByDescending(x => x.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return newest.Dir;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasServer(dir))
            {
                return dir;
            }
        }

        throw new LocalPostgresException(HowToInstall);
    }

    private static bool HasServer(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
}
