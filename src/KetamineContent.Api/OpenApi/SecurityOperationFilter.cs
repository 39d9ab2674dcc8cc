using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KetamineContent.Api.OpenApi;

/// <summary>Marks operations that need an API key with the bearer scheme and documents their 401, 403 and 429 answers (bodies: <see cref="ProblemResponsesOperationFilter"/>).</summary>
internal sealed class SecurityOperationFilter : IOperationFilter
{
    public const string SchemeId = "bearer";

    /// <summary>A JWT access token from Auth:Jwt:Authority, in the same header (an alternative to a key).</summary>
    public const string AccessTokenSchemeId = "accessToken";

    /// <summary>The cookie a preview link sets for its article's preview path (an alternative to a key there).</summary>
    public const string PreviewCookieSchemeId = "previewLink";

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

        // Previews check the key (any role) or a preview link's cookie in the handler: a key, or for one article the cookie instead.
        if (metadata.OfType<Workflow.PreviewAnswer>().FirstOrDefault() is { } preview)
        {
            operation.Security = preview.TokenAllowed
                ? [.. KeyOrToken(context), new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(PreviewCookieSchemeId, context.Document)] = [] }]
                : KeyOrToken(context);
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No API key, or an unknown or revoked one" + (preview.TokenAllowed ? ", and no valid preview link or cookie." : ".") });
            return;
        }

        if (!metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [];
            return;
        }

        operation.Security = KeyOrToken(context);
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No API key, or an unknown or revoked one, or an access token that is expired, for another audience, from another issuer or badly signed." });

        // Every key has at least the lowest role, so only operations that need more can answer 403.
        if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy != Access.Roles.Policies.Previewer))
        {
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The key's role may not do this." });
        }
    }

    /// <summary>Either an API key or an access token (two alternatives of one Authorization: Bearer header).</summary>
    private static List<OpenApiSecurityRequirement> KeyOrToken(OperationFilterContext context) =>
    [
        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] },
        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AccessTokenSchemeId, context.Document)] = [] },
    ];
}
