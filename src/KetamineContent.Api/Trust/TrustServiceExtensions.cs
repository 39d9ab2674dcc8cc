using FluentValidation;

namespace KetamineContent.Api.Trust;

public static class TrustServiceExtensions
{
    public static IServiceCollection AddTrust(this IServiceCollection services)
    {
        services.AddSingleton<ReviewerStore>();
        services.AddOptions<ReadabilityOptions>().BindConfiguration("Content")
            .Validate(o => o.MaxGradeLevel is null or (>= 1 and <= 30), "Content:MaxGradeLevel must be a Flesch-Kincaid grade from 1 to 30 (or unset: no gate).").ValidateOnStart();
        services.AddSingleton<IValidator<ReviewerInput>, ReviewerInputValidator>();
        return services;
    }

    public static IEndpointRouteBuilder MapTrust(this IEndpointRouteBuilder routes)
    {
        routes.MapReviewers();
        return routes;
    }
}
