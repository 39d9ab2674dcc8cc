using FluentValidation;

namespace KetamineContent.Api.Delivery;

public static class DeliveryServiceExtensions
{
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddSingleton<ArticleReader>();
        services.AddSingleton<ResponseBytes>();
        services.AddSingleton<Sync.SyncReader>();
        services.AddOptions<Sync.SyncOptions>().BindConfiguration("Sync");
        services.AddSingleton<Sync.SyncFeedPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<Sync.SyncFeedPruner>());
        services.AddSingleton<IValidator<ArticleListQuery>, ArticleListQueryValidator>();
        return services;
    }

    public static IEndpointRouteBuilder MapDelivery(this IEndpointRouteBuilder routes)
    {
        routes.MapArticles();
        Trust.ReferencesEndpoints.MapReferences(routes);
        routes.MapTopics();
        Sync.SyncEndpoints.MapSync(routes);
        Search.SearchEndpoints.MapSearch(routes);
        return routes;
    }
}
