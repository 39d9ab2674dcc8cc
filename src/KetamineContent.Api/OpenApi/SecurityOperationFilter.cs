using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KetamineContent.Api.OpenApi;

/// <summary>Marks operations that need an API key with the bearer scheme and documents their 401, 403 and 429 answers (bodies: <see cref="ProblemResponsesOperationFilter"/>).</summary>
internal sealed class SecurityOperationFilter : IOperationFilter
{
    public const string SchemeId = "bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        if (metadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any())
        {
            operation.Responses["429"] = new OpenApiResponse { Description = "Too many requests: the rate limit of this key or address was reached; see Retry-After." };
        }

        if (!operation.Responses.Keys.Any(k => k is "400" or "422"))
        {
            operation.Responses["4XX"] = new OpenApiResponse { Description = "Client error: a malformed request (for example a URL over 8192 characters is 414, headers over 32 KiB are 431)." };
        }

        // Previews check the key (any role) or a preview link's token in the handler: a key, or for one article the token instead.
        if (metadata.OfType<Workflow.PreviewAnswer>().FirstOrDefault() is { } preview)
        {
            var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] };
            operation.Security = preview.TokenAllowed ? [bearer, new OpenApiSecurityRequirement()] : [bearer];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No API key, or an unknown or revoked one" + (preview.TokenAllowed ? ", and no valid preview link token." : ".") });
            return;
        }

        if (!metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [];
            return;
        }

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] }];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No API key, or an unknown or revoked one." });

        // Every key has at least the lowest role, so only operations that need more can answer 403.
        if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy != Access.Roles.Policies.Previewer))
        {
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The key's role may not do this." });
        }
    }
}
