using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Net.Http.Json;
using Npgsql;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>
/// The real API on Kestrel (loopback, real HTTP) over a database of its own, copied from the seeded template.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);

    /// <summary>The admin key every test API starts with (Auth:BootstrapAdminKey).</summary>
    public const string AdminKey = "kc_test-bootstrap-admin-key-0123456789";

    public string ConnectionString { get; private set; } = "";

    /// <summary>Use an existing database instead of a fresh copy (to restart an API on the same data).</summary>
    public ApiFactory OnDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        return this;
    }

    protected virtual bool Seeded => true;

    private int _port;

    /// <summary>Listen on this loopback port (a proxy in front was told it) instead of any free one.</summary>
    public ApiFactory OnPort(int port)
    {
        _port = port;
        return this;
    }

    /// <summary>Extra configuration for this instance, applied before the host starts.</summary>
    public ApiFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public async Task InitializeAsync()
    {
        if (ConnectionString.Length == 0)
        {
            ConnectionString = Seeded ? await TestDatabase.CreateSeededAsync() : await TestDatabase.CreateEmptyAsync();
        }

        UseKestrel(_port);
        StartServer();
        await ArrangeAsync();
    }

    /// <summary>Data a test class needs beyond the samples, written once the API is up.</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Content", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:SeedOnStartup", "false");
        builder.UseSetting("Auth:BootstrapAdminKey", AdminKey);
        builder.UseSetting("Review:SchedulerIntervalSeconds", "0.2");
        builder.UseSetting("RateLimits:PerKeyPerMinute", "0");
        builder.UseSetting("RateLimits:PerAddressPerMinute", "0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A real HTTP client sending this API key as a bearer token (none for null).</summary>
    public HttpClient Client(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Creates a key with this role through the admin endpoint and returns its secret.</summary>
    public async Task<string> KeyAsync(string role, string? name = null)
    {
        using var admin = Client(AdminKey);
        var response = await admin.PostAsJsonAsync("/v1/manage/keys", new { name = name ?? $"{role} {Guid.NewGuid():N}", role });
        var body = await response.JsonAsync();
        return body.GetProperty("key").GetString()!;
    }

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}
