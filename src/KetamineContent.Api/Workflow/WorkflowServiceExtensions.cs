using FluentValidation;

namespace KetamineContent.Api.Workflow;

public static class WorkflowServiceExtensions
{
    public static IServiceCollection AddWorkflow(this IServiceCollection services)
    {
        services.AddSingleton<PreviewReader>();
        services.AddSingleton<IValidator<PreviewLinkInput>, PreviewLinkInputValidator>();
        services.AddOptions<Editing.ReviewOptions>()
            .Validate(o => o.DueSoonDays is >= 0 and <= 365, "Review:DueSoonDays must be 0 to 365.")
            .Validate(o => o.DueCheckIntervalSeconds > 0, "Review:DueCheckIntervalSeconds must be more than 0.")
            .Validate(o => o.OverduePolicy is "flag" or "withdraw", "Review:OverduePolicy must be flag or withdraw.")
            .ValidateOnStart();
        services.AddSingleton<ReviewDueJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ReviewDueJob>());
        return services;
    }

    public static IEndpointRouteBuilder MapWorkflow(this IEndpointRouteBuilder routes)
    {
        routes.MapPreview();
        routes.MapPreviewLinks();
        return routes;
    }
}
