using KetamineContent.LocalPostgres;
using Npgsql;

namespace KetamineContent.Api.Data;

/// <summary>
/// Where the content database is: <c>ConnectionStrings:Content</c> when configured; otherwise, in Development,
/// an embedded local cluster started from the machine's PostgreSQL binaries (and stopped with the app).
/// </summary>
public sealed class ContentDatabase : IDisposable
{
    public const string DatabaseName = "ketaminecontent";
    private readonly Lazy<string> _connectionString;
    private readonly ILogger<ContentDatabase> _logger;
    private LocalCluster? _cluster;

    public ContentDatabase(IConfiguration configuration, IHostEnvironment environment, ILogger<ContentDatabase> logger)
    {
        _logger = logger;
        _connectionString = new Lazy<string>(() => Resolve(configuration, environment));
        var replica = configuration.GetConnectionString("ContentReplica");
        ReplicaConnectionString = string.IsNullOrWhiteSpace(replica) ? null : Tune(replica, "ketaminecontent-replica");
    }

    public string ConnectionString => _connectionString.Value;

    /// <summary>ConnectionStrings:ContentReplica: a streaming replica for public delivery reads, when configured.</summary>
    public string? ReplicaConnectionString { get; private set; }

    private string Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("Content");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Tune(configured);
        }

        var embeddedAllowed = configuration.GetValue("LocalPostgres:Enabled", environment.IsDevelopment());
        if (!embeddedAllowed)
        {
            throw new InvalidOperationException(
                "No database configured: set ConnectionStrings:Content (env ConnectionStrings__Content). " +
                "The embedded local PostgreSQL is only used in Development (or with LocalPostgres__Enabled=true).");
        }

        var folder = configuration["LocalPostgres:DataDirectory"] ?? DefaultFolder(environment.ContentRootPath);
        _logger.LogInformation("No ConnectionStrings:Content configured: starting the embedded PostgreSQL in {Folder}", folder);
        _cluster = LocalCluster.Start(new LocalClusterOptions
        {
            RootDirectory = folder,
            Port = configuration.GetValue("LocalPostgres:Port", 0),
        });
        _logger.LogInformation(_cluster.Attached
            ? "Embedded PostgreSQL already running on 127.0.0.1:{Port} (another process started it and will stop it): attached"
            : "Embedded PostgreSQL listening on 127.0.0.1:{Port}", _cluster.Port);
        EnsureDatabase(_cluster.ConnectionString(), DatabaseName);
        return Tune(_cluster.ConnectionString(DatabaseName));
    }

    /// <summary>The repository's git-ignored .localdb folder (found by walking up to the solution file).</summary>
    private static string DefaultFolder(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KetamineContent.sln")))
            {
                return Path.Combine(dir.FullName, ".localdb");
            }
        }

        return Path.Combine(contentRoot, ".localdb");
    }

    public static void EnsureDatabase(string adminConnectionString, string database)
    {
        using var connection = new NpgsqlConnection(adminConnectionString);
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            create.ExecuteNonQuery();
        }
    }

    private static string Tune(string connectionString, string applicationName = "ketaminecontent")
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            // Bounded waits when the database is unreachable: answer 503 quickly instead of hanging.
            builder.Timeout = 3;
        }

        if (!connectionString.Contains("auto prepare", StringComparison.OrdinalIgnoreCase))
        {
            // Plan each statement once per connection: planning the delivery queries costs more than running them.
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!connectionString.Contains("reset on close", StringComparison.OrdinalIgnoreCase))
        {
            // The code leaves no session state on pooled connections (transaction-scoped advisory locks only; LISTEN has
            // its own unpooled connection), so the DISCARD ALL round trip on every return to the pool is pure waste.
            builder.NoResetOnClose = true;
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = applicationName;
        }

        return builder.ConnectionString;
    }

    public void Dispose()
    {
        if (_cluster is not null)
        {
            if (!_cluster.Attached)
            {
                _logger.LogInformation("Stopping the embedded PostgreSQL");
            }

            _cluster.Dispose();
            _cluster = null;
        }
    }
}
