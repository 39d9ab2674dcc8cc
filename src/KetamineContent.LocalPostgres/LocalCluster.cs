using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace KetamineContent.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster on 127.0.0.1 run from the machine's own server binaries, in a folder of ours.
/// Started with pg_ctl (as the postgres OS user when we are root) and stopped again on Dispose, by the process that
/// started it only: a process that finds the server already running from that folder (a command run while the API is
/// up) attaches to it and leaves it running when it ends.
/// </summary>
public sealed class LocalCluster : IDisposable
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(120);
    private readonly ProcessRunner _runner = new();
    private readonly string _binDir;
    private bool _stopped;

    private LocalCluster(string binDir, string rootDirectory)
    {
        _binDir = binDir;
        RootDirectory = rootDirectory;
    }

    public string RootDirectory { get; }

    public string DataDirectory => Path.Combine(RootDirectory, "data");

    public string LogFile => Path.Combine(RootDirectory, "server.log");

    public int Port { get; private set; }

    /// <summary>True when this process found the server already running and attached to it: Stop leaves it running.</summary>
    public bool Attached { get; private set; }

    /// <summary>The superuser connection string (trust authentication on loopback only).</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    /// <summary>Creates the cluster when missing, starts it (or adopts one already running from that folder).</summary>
    public static LocalCluster Start(LocalClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var binDir = PostgresBinaries.Locate();
        var runner = new ProcessRunner();
        if (runner.RunAsUser is not null && !OsUserExists(runner.RunAsUser))
        {
            throw new LocalPostgresException(
                "PostgreSQL refuses to run as root and there is no 'postgres' OS user to run it as. " +
                "Install the 'postgresql' package (it creates that user), or run as a normal user.");
        }

        var root = PrepareRoot(runner, Path.GetFullPath(options.RootDirectory));
        var cluster = new LocalCluster(binDir, root);
        cluster.Init(options);
        cluster.StartServer(options);
        return cluster;
    }

    /// <summary>A streaming replica of a running cluster (pg_basebackup -R), started on its own port.</summary>
    public static LocalCluster StartReplica(LocalCluster primary, LocalClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(options);
        var runner = new ProcessRunner();
        var root = PrepareRoot(runner, Path.GetFullPath(options.RootDirectory));
        var replica = new LocalCluster(primary._binDir, root);
        if (!File.Exists(Path.Combine(replica.DataDirectory, "PG_VERSION")))
        {
            runner.RunChecked(Path.Combine(primary._binDir, "pg_basebackup"),
                ["-D", replica.DataDirectory, "-R", "-X", "stream", "-c", "fast", "-h", "127.0.0.1", "-p", primary.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres"],
                ToolTimeout);
        }

        replica.StartServer(options);
        return replica;
    }

    private static bool OsUserExists(string user) =>
        File.ReadLines("/etc/passwd").Any(l => l.StartsWith(user + ":", StringComparison.Ordinal));

    private static string PrepareRoot(ProcessRunner runner, string root)
    {
        Directory.CreateDirectory(root);
        runner.HandOver(root);
        if (runner.CanWrite(root))
        {
            return root;
        }

        // The folder sits where the postgres user cannot reach (a private home, say): keep the files in a
        // stable place of its own, named after the requested folder, so a second run finds them again.
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..16].ToLowerInvariant();
        var fallback = Path.Combine("/var/tmp/ketaminecontent-pg", hash);
        Directory.CreateDirectory(fallback);
        runner.HandOver(fallback);
        File.WriteAllText(Path.Combine(root, "WHERE.txt"), $"The postgres user cannot write here; the cluster lives in {fallback}\n");
        return fallback;
    }

    private void Init(LocalClusterOptions options)
    {
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return;
        }

        var args = new List<string>
        {
            "-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
        };
        if (!options.Durable)
        {
            args.Add("--no-sync");
        }

        _runner.RunChecked(Path.Combine(_binDir, "initdb"), args, ToolTimeout);
    }

    private void StartServer(LocalClusterOptions options)
    {
        var running = RunningPort();
        if (running is int port)
        {
            Port = port;
            Attached = true;
            return;
        }

        Port = options.Port == 0 ? FreePort() : options.Port;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["listen_addresses"] = "127.0.0.1",
            ["port"] = Port.ToString(CultureInfo.InvariantCulture),
            ["unix_socket_directories"] = "''",
            ["max_connections"] = "200",
        };
        if (!options.Durable)
        {
            settings["fsync"] = "off";
            settings["synchronous_commit"] = "off";
            settings["full_page_writes"] = "off";
        }

        foreach (var (k, v) in options.Settings)
        {
            settings[k] = v;
        }

        var serverOptions = string.Join(' ', settings.Select(kv => $"-c {kv.Key}={kv.Value}"));
        _runner.RunChecked(
            Path.Combine(_binDir, "pg_ctl"),
            ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", serverOptions],
            ToolTimeout);
    }

    /// <summary>The port of a server already running from this data folder, if any.</summary>
    private int? RunningPort()
    {
        var (code, _) = _runner.Run(Path.Combine(_binDir, "pg_ctl"), ["status", "-D", DataDirectory], ToolTimeout);
        if (code != 0)
        {
            return null;
        }

        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        var lines = File.Exists(pidFile) ? File.ReadAllLines(pidFile) : [];
        return lines.Length > 3 && int.TryParse(lines[3], CultureInfo.InvariantCulture, out var p) ? p : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Stops the server (fast shutdown: open sessions are ended, committed data is kept), unless this process only
    /// attached to it: then the process that started it stops it.
    /// </summary>
    public void Stop()
    {
        if (_stopped || Attached)
        {
            return;
        }

        _stopped = true;
        _runner.Run(Path.Combine(_binDir, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], ToolTimeout);
    }

    /// <summary>Stops a cluster left running in a folder by a process that died, then deletes the folder.</summary>
    public static void StopAndDelete(string rootDirectory)
    {
        var data = Path.Combine(rootDirectory, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            var runner = new ProcessRunner();
            runner.Run(Path.Combine(PostgresBinaries.Locate(), "pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-w"], ToolTimeout);
        }

        Directory.Delete(rootDirectory, recursive: true);
    }

    public void Dispose() => Stop();
}
