using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KetamineContent.Api.OpenApi;

/// <summary>
/// Declares the extension members the API writes into problem details (RFC 9457 section 3.2) on both problem schemas,
/// and closes them: a member the code writes but this list lacks is a contract violation that Prism reports.
/// </summary>
internal sealed class ProblemSchemaDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var name in new[] { nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), nameof(HttpValidationProblemDetails) })
        {
            if (document.Components?.Schemas is not { } schemas || !schemas.TryGetValue(name, out var found) || found is not OpenApiSchema schema)
            {
                continue;
            }

            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            foreach (var (member, definition) in Members(document))
            {
                schema.Properties.TryAdd(member, definition);
            }

            // 400s raised while reading the request (malformed JSON, a wrong type) name no field: errors is optional.
            schema.Required?.Remove("errors");
            schema.AdditionalProperties = null;
            schema.AdditionalPropertiesAllowed = false;
        }
    }

    private static IEnumerable<(string, IOpenApiSchema)> Members(OpenApiDocument document)
    {
        yield return ("traceId", Text("The request's trace identifier, for finding it in the logs (every problem).", 200));
        yield return ("errors", new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Every invalid parameter or body field (camelCase path, e.g. references[0].url) with its messages (400).",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, MaxItems = 100, Items = Text(null, 1000) },
        });
        yield return ("reasons", new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "Every reason the revision cannot be published (422 from publish).",
            MaxItems = 100,
            Items = Text(null, 1000),
        });
        yield return ("currentRevision", new OpenApiSchema
        {
            Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "2147483647",
            Description = "The article's current revision (412 Precondition failed).",
        });
        yield return ("currentETag", Text("The ETag to send in If-Match after merging (412 Precondition failed).", 64));
        yield return ("reason", Text("Why the article was withdrawn, as the editor gave it (410 Withdrawn).", 200));
        yield return ("replacementSlug", new OpenApiSchema
        {
            Type = JsonSchemaType.String | JsonSchemaType.Null, MaxLength = 120,
            Description = "The slug of the article that replaces a withdrawn one, as the editor named it on unpublish or archive, or null (410 Withdrawn).",
        });
        yield return ("replacement", new OpenApiSchema
        {
            Type = JsonSchemaType.String | JsonSchemaType.Null, MaxLength = 140,
            Description = "The path of the article that replaces a withdrawn one, or null (410 Withdrawn).",
        });
        yield return ("withdrawnAt", new OpenApiSchema
        {
            Type = JsonSchemaType.String, Format = "date-time", MaxLength = 40,
            Description = "When the article was withdrawn (410 Withdrawn).",
        });
        yield return ("linkedFrom", new OpenApiSchema
        {
            Type = JsonSchemaType.Array, MaxItems = 1000, Items = new OpenApiSchemaReference(nameof(Trust.LinkingArticle), document),
            Description = "The published articles whose links or related lists lead to the article (409 from unpublish or archive).",
        });
        yield return ("articles", new OpenApiSchema
        {
            Type = JsonSchemaType.Array, MaxItems = 1000, Items = new OpenApiSchemaReference(nameof(Assets.AssetUse), document),
            Description = "The articles whose latest or published revision uses the asset (409 from delete).",
        });
    }

    private static OpenApiSchema Text(string? description, int maxLength) =>
        new() { Type = JsonSchemaType.String, MaxLength = maxLength, Description = description };
}
