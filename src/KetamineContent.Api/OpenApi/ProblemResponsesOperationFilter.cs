using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KetamineContent.Api.OpenApi;

/// <summary>
/// Completes the error answers of every operation: 413 and 415 where a body is read, 422 where an Idempotency-Key can be
/// reused with another request, and on every 4xx/5xx a problem+json body with an example of that status.
/// Runs after the filters that add statuses.
/// </summary>
internal sealed class ProblemResponsesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        if (operation.RequestBody is not null)
        {
            Add(operation, "413", "The body is larger than Limits:MaxRequestBodyBytes (1 MiB).");
            Add(operation, "415", "The body is not sent as " + string.Join(" or ", operation.RequestBody.Content?.Keys ?? []) + ".");
        }

        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Writes.CommandMarker>().Any())
        {
            Add(operation, "422", "The Idempotency-Key was already used with another request.");
        }

        var path = "/" + (context.ApiDescription.RelativePath ?? "").Split('?')[0];
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\{(\w+):[^}]+\}", "{$1}");
        foreach (var (status, response) in operation.Responses)
        {
            if (status[0] is not ('4' or '5') || response is not OpenApiResponse r)
            {
                continue;
            }

            r.Content ??= new Dictionary<string, IOpenApiMediaType>();
            if (r.Content.Count == 0)
            {
                r.Content["application/problem+json"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.Document),
                };
            }

            foreach (var media in r.Content.Values.OfType<OpenApiMediaType>())
            {
                media.Example = ProblemExamples.For(status, path, operation);
            }
        }
    }

    private static void Add(OpenApiOperation operation, string status, string description)
    {
        if (!operation.Responses!.ContainsKey(status))
        {
            operation.Responses[status] = new OpenApiResponse { Description = description };
        }
    }
}
