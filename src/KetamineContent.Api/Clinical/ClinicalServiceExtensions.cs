using FluentValidation;

namespace KetamineContent.Api.Clinical;

public static class ClinicalServiceExtensions
{
    public static IServiceCollection AddClinical(this IServiceCollection services)
    {
        services.AddSingleton<CodeStore>();
        services.AddSingleton<InfobuttonReader>();
        services.AddSingleton<FeedbackStore>();
        services.AddSingleton<IValidator<FeedbackInput>, FeedbackInputValidator>();
        services.AddOptions<FeedbackOptions>().BindConfiguration("Feedback")
            .Validate(o => o.MaxPerAddressPerDay >= 0, "Feedback:MaxPerAddressPerDay must be 0 (no limit) or more.").ValidateOnStart();
        services.AddOptions<InfobuttonOptions>().BindConfiguration("Content")
            .Validate(o => InfobuttonOptions.IsValid(o.ArticleUrlTemplate), "Content:ArticleUrlTemplate must be an absolute http(s) URL holding {slug} (and optionally {locale}).")
            .ValidateOnStart();
        services.AddSingleton<IValidator<TopicCodesInput>, TopicCodesInputValidator>();
        services.AddSingleton<IValidator<ArticleClinicalInput>, ArticleClinicalInputValidator>();
        services.AddOptions<PublisherOptions>().BindConfiguration("Content:Publisher")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Name) && o.Name.Length <= 200, "Content:Publisher:Name must be 1 to 200 characters.")
            .Validate(o => string.IsNullOrWhiteSpace(o.Url) || Uri.TryCreate(o.Url, UriKind.Absolute, out _), "Content:Publisher:Url must be an absolute URL.")
            .Validate(o => string.IsNullOrWhiteSpace(o.License) || Uri.TryCreate(o.License, UriKind.Absolute, out _), "Content:Publisher:License must be the licence's absolute URL.")
            .ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapClinical(this IEndpointRouteBuilder routes)
    {
        routes.MapCodes();
        routes.MapInfobutton();
        routes.MapFeedback();
        return routes;
    }
}
