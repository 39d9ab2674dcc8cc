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
        if (!metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [];
            return;
        }

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] }];
        operation.Responses ??= [];
        foreach (var (status, description) in new[] { ("401", "No API key, or an unknown or revoked one."), ("403", "The key's role may not do this.") })
        {
            if (!operation.Responses.ContainsKey(status))
            {
                operation.Responses[status] = new OpenApiResponse
                {
                    Description = description,
                    Content = new Dictionary<string, IOpenApiMediaType>
                    {
                        ["application/problem+json"] = new OpenApiMediaType
                        {
                            Schema = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.Document),
                            Example = System.Text.Json.Nodes.JsonNode.Parse(
                                $$"""{"type":"https://tools.ietf.org/html/rfc9110","title":"{{(status == "401" ? "Unauthorized" : "Forbidden")}}","status":{{status}},"detail":"{{description}}"}"""),
                        },
                    },
                };
            }
        }
    }
}
