using KetamineContent.Api.Data;
using KetamineContent.Api.Seeding;
using KetamineContent.LocalPostgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL cluster for the whole test run, started from the machine's binaries and stopped at exit.
/// Each caller gets a database of its own, copied from a migrated and seeded template.
/// </summary>
public static class TestDatabase
{
    private const string Template = "kc_template";
    private static readonly Lazy<LocalCluster> LazyCluster = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _templateReady;
    private static int _counter;

    public static LocalCluster Cluster => LazyCluster.Value;

    private static string RunsFolder => Path.Combine(Path.GetTempPath(), "ketaminecontent-tests");

    private static LocalCluster Start()
    {
        RemoveClustersOfDeadRuns();
        var root = Path.Combine(RunsFolder, $"run-{Environment.ProcessId}");
        var cluster = LocalCluster.Start(new LocalClusterOptions { RootDirectory = root, Durable = false });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.Stop();
            TryDelete(root);
        };
        return cluster;
    }

    private static void RemoveClustersOfDeadRuns()
    {
        if (!Directory.Exists(RunsFolder))
        {
            return;
        }

        foreach (var dir in Directory.GetDirectories(RunsFolder, "run-*"))
        {
            if (int.TryParse(Path.GetFileName(dir)["run-".Length..].Split('-')[0], out var pid) && !IsAlive(pid))
            {
                try
                {
                    LocalCluster.StopAndDelete(dir);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LocalPostgresException)
                {
                    // A leftover we cannot remove is not a reason to fail this run.
                }
            }
        }
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// A cluster of the caller's own (for tests that stop and restart PostgreSQL), with a migrated and seeded
    /// database; the caller stops it. Restart with <see cref="RestartPrivateCluster"/>.
    /// </summary>
    public static async Task<(LocalCluster Cluster, string ConnectionString)> StartPrivateClusterAsync(string name)
    {
        var root = Path.Combine(RunsFolder, $"run-{Environment.ProcessId}-{name}");
        var cluster = LocalCluster.Start(new LocalClusterOptions { RootDirectory = root, Durable = false });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.Stop();
            TryDelete(root);
        };
        ContentDatabase.EnsureDatabase(cluster.ConnectionString(), "content");
        var connectionString = cluster.ConnectionString("content");
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        await new Seeder(dataSource, NullLogger<Seeder>.Instance).SeedAsync();
        return (cluster, connectionString);
    }

    public static LocalCluster RestartPrivateCluster(LocalCluster stopped)
    {
        ArgumentNullException.ThrowIfNull(stopped);
        return LocalCluster.Start(new LocalClusterOptions { RootDirectory = stopped.RootDirectory, Port = stopped.Port, Durable = false });
    }

    /// <summary>A new database holding the migrated schema and the sample articles.</summary>
    public static Task<string> CreateSeededAsync() => CreateAsync(seeded: true);

    /// <summary>A new, completely empty database.</summary>
    public static Task<string> CreateEmptyAsync() => CreateAsync(seeded: false);

    private static async Task<string> CreateAsync(bool seeded)
    {
        var name = $"kc_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await Gate.WaitAsync();
        try
        {
            if (seeded && !_templateReady)
            {
                await BuildTemplateAsync();
                _templateReady = true;
            }

            await using var admin = new NpgsqlConnection(Cluster.ConnectionString());
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand(
                seeded ? $"CREATE DATABASE {name} TEMPLATE {Template}" : $"CREATE DATABASE {name} TEMPLATE template0", admin);
            await create.ExecuteNonQueryAsync();
        }
        finally
        {
            Gate.Release();
        }

        return Cluster.ConnectionString(name);
    }

    private static async Task BuildTemplateAsync()
    {
        ContentDatabase.EnsureDatabase(Cluster.ConnectionString(), Template);
        var connectionString = new NpgsqlConnectionStringBuilder(Cluster.ConnectionString(Template)) { Pooling = false }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        await new Seeder(dataSource, NullLogger<Seeder>.Instance).SeedAsync();
    }
}
