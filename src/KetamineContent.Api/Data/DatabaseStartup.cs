using KetamineContent.Api.Access;
using KetamineContent.Api.Seeding;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Data;

/// <summary>Runs before the server listens: migrations and sample content when configured, then the bootstrap admin key.</summary>
internal sealed class DatabaseStartup(IOptions<DatabaseOptions> options, MigrationRunner migrations, Seeder seeder, BootstrapAdminKey bootstrap) : IHostedService
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

        await bootstrap.ApplyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
