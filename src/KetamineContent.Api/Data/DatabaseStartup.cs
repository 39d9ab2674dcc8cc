using KetamineContent.Api.Access;
using KetamineContent.Api.Seeding;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Data;

/// <summary>Runs before the server listens: migrations and sample content when configured, then the bootstrap admin key.</summary>
internal sealed class DatabaseStartup(IOptions<DatabaseOptions> options, MigrationRunner migrations, Seeder seeder, BootstrapAdminKey bootstrap, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await migrations.ApplyAsync(ct: cancellationToken);
        }

        if (options.Value.SeedOnStartup)
        {
            await seeder.SeedAsync(cancellationToken);
        }

        var pending = await migrations.PendingAsync(cancellationToken);
        if (pending.Count > 0)
        {
            logger.LogWarning("The database lacks migrations {Pending}: run the 'migrate' command (or set Database__MigrateOnStartup=true). Until then /health/ready reports unhealthy.",
                string.Join(", ", pending));
            return;
        }

        await bootstrap.ApplyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
