using Microsoft.Extensions.DependencyInjection.Extensions;
using KetamineContent.Api.Seeding;
using Npgsql;

namespace KetamineContent.Api.Data;

public static class DataServiceExtensions
{
    public static IServiceCollection AddContentData(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration("Database");
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ContentDatabase>();
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(sp.GetRequiredService<ContentDatabase>().ConnectionString) { Name = "primary" }.Build());
        services.AddSingleton<DeliverySource>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<Seeder>();
        services.AddHostedService<DatabaseStartup>();
        services.AddHealthChecks().AddCheck<ReadinessCheck>("database", tags: ["ready"]);
        return services;
    }
}
