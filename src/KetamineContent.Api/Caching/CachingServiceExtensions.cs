namespace KetamineContent.Api.Caching;

public static class CachingServiceExtensions
{
    public static IServiceCollection AddPublishedCache(this IServiceCollection services)
    {
        services.AddOptions<CacheOptions>().BindConfiguration("Cache")
            .Validate(o => o.MaxBytes >= 1024 * 1024, "Cache:MaxBytes must be at least 1 MiB.")
            .Validate(o => o.MaxAgeSeconds >= 1, "Cache:MaxAgeSeconds must be at least 1.").ValidateOnStart();
        services.AddSingleton<ResponseCache>();
        services.AddSingleton<ChangeBarrier>();
        services.AddSingleton<ChangeListener>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeListener>());
        services.AddHealthChecks().AddCheck<ListenerHealthCheck>("cache-invalidation", tags: ["ready"]);
        return services;
    }
}
