using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>
/// The real API on Kestrel (loopback, real HTTP) over a database of its own, copied from the seeded template.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);

    public string ConnectionString { get; private set; } = "";

    protected virtual bool Seeded => true;

    /// <summary>Extra configuration for this instance, applied before the host starts.</summary>
    public ApiFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public async Task InitializeAsync()
    {
        ConnectionString = Seeded ? await TestDatabase.CreateSeededAsync() : await TestDatabase.CreateEmptyAsync();
        UseKestrel(0);
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
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
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
