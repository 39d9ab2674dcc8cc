using FluentValidation;

namespace KetamineContent.Api.Trust;

public static class TrustServiceExtensions
{
    public static IServiceCollection AddTrust(this IServiceCollection services)
    {
        services.AddSingleton<ReviewerStore>();
        services.AddSingleton<IValidator<ReviewerInput>, ReviewerInputValidator>();
        return services;
    }

    public static IEndpointRouteBuilder MapTrust(this IEndpointRouteBuilder routes)
    {
        routes.MapReviewers();
        return routes;
    }
}
