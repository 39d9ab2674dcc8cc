using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KetamineContent.Api.Http;

public static class HttpServiceExtensions
{
    /// <summary>Problem details everywhere (one writer, always problem+json), strict JSON bodies, and bad-request exceptions routed to one handler.</summary>
    public static IServiceCollection AddHttpConventions(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.Replace(ServiceDescriptor.Singleton<IProblemDetailsService, ProblemJsonService>());
        services.AddExceptionHandler<ExceptionToProblem>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        return services;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 32;
        options.AllowDuplicateProperties = false;
        Instants.AddConverters(options);
    }

    /// <summary>How a body read by hand (a merge patch) is parsed: as strictly as the bound bodies above.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = 32, AllowDuplicateProperties = false };
}
