using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KetamineContent.Api.OpenApi;

/// <summary>Marks operations that need an API key with the bearer scheme and documents their 401 and 403 answers.</summary>
internal sealed class SecurityOperationFilter : IOperationFilter
{
    public const string SchemeId = "bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        if (metadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any())
        {
            operation.Responses["429"] = Problem(context, "429", "Too many requests: the rate limit of this key or address was reached; see Retry-After.");
        }

        if (!operation.Responses.Keys.Any(k => k is "400" or "422"))
        {
            operation.Responses["4XX"] = Problem(context, "400", "Client error: a malformed request (for example a URL over 8192 characters is 414, headers over 32 KiB are 431).");
        }

        if (!metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [];
            return;
        }

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] }];
        foreach (var (status, description) in new[] { ("401", "No API key, or an unknown or revoked one."), ("403", "The key's role may not do this.") })
        {
            if (!operation.Responses.ContainsKey(status))
            {
                operation.Responses[status] = Problem(context, status, description);
            }
        }
    }

    private static OpenApiResponse Problem(OperationFilterContext context, string status, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            ["application/problem+json"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.Document),
                Example = System.Text.Json.Nodes.JsonNode.Parse(
                    $$"""{"type":"https://tools.ietf.org/html/rfc9110","title":"{{description.Split(':')[0].TrimEnd('.')}}","status":{{status}},"detail":"{{description}}"}"""),
            },
        },
    };
}
