using FluentValidation;
using KetamineContent.Api.Writes;

namespace KetamineContent.Api.Editing;

public static class EditingServiceExtensions
{
    public static IServiceCollection AddEditing(this IServiceCollection services)
    {
        services.AddOptions<ReviewOptions>().BindConfiguration("Review")
            .Validate(o => o.ValidityMonths is >= 1 and <= 60, "Review:ValidityMonths must be 1 to 60.").ValidateOnStart();
        services.AddScoped<CommandSession>();
        services.AddOptions<IdempotencyOptions>().BindConfiguration("Idempotency")
            .Validate(o => o.RetentionHours > 0 && o.PruneIntervalSeconds > 0, "Idempotency:RetentionHours and Idempotency:PruneIntervalSeconds must be above 0.").ValidateOnStart();
        services.AddSingleton<IdempotencyPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<IdempotencyPruner>());
        services.AddSingleton<ManageReader>();
        services.AddSingleton<PublishReadiness>();
        services.AddSingleton<IValidator<ArticleInput>, ArticleInputValidator>();
        services.AddSingleton<IValidator<ReviewInput>, ReviewInputValidator>();
        services.AddSingleton<IValidator<PublishInput>, PublishInputValidator>();
        services.AddSingleton<IValidator<WithdrawInput>, WithdrawInputValidator>();
        services.AddSingleton<ScheduledPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledPublisher>());
        return services;
    }

    public static IEndpointRouteBuilder MapEditing(this IEndpointRouteBuilder routes)
    {
        routes.MapManageArticles();
        Import.ImportEndpoints.MapImport(routes);
        return routes;
    }
}
