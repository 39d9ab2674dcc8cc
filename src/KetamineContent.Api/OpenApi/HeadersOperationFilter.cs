using KetamineContent.Api.Writes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KetamineContent.Api.OpenApi;

/// <summary>Documents the request headers the write path reads: Idempotency-Key on every command, If-Match where required.</summary>
internal sealed class HeadersOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<CommandMarker>().Any())
        {
            Add(operation, IdempotencyStore.HeaderName, required: false,
                "A client-chosen key (1 to 255 characters). A retry with the same key and body returns the first answer and changes nothing; the same key with another body is 422.",
                "3f2a9c1e-retry-safe");
        }

        if (metadata.OfType<Import.ImportBody>().FirstOrDefault() is { } import)
        {
            var content = import.MediaTypes.ToDictionary(m => m, IOpenApiMediaType (m) => new OpenApiMediaType
            {
                Schema = m.StartsWith("text/", StringComparison.Ordinal)
                    ? new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1_048_576 }
                    : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", MaxLength = 1_048_576 },
                Example = m == "text/markdown"
                    ? System.Text.Json.Nodes.JsonValue.Create("# Ketamine for anxiety\n\nA short introduction.\n\n## How it works\n\nIt blocks the NMDA receptor.")
                    : null,
            });
            content["multipart/form-data"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", MaxLength = 1_048_576, Description = "The document; its media type or file extension (.md, .txt, .html, .docx) says the format." },
                    },
                },
            };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The article as Markdown, plain text, a saved HTML page or a Word document, or as multipart/form-data with a part named 'file'.",
                Content = content,
            };
        }

        if (metadata.OfType<Assets.UploadBody>().Any())
        {
            operation.RequestBody = UploadBody();
        }

        if (metadata.OfType<RequiresIfMatch>().Any())
        {
            Add(operation, "If-Match", required: true,
                "The ETag of the revision this edit is based on (from GET /v1/manage/articles/{id}). Missing: 428; stale: 412 with the current revision.",
                "\"2\"");
        }

        if (metadata.OfType<Http.IfMatchOf>().FirstOrDefault() is { } ifMatchOf)
        {
            Add(operation, "If-Match", required: true, ifMatchOf.Description, ifMatchOf.Example);
        }
    }

    private static OpenApiRequestBody UploadBody()
    {
        static OpenApiSchema Text(int max, string description) => new() { Type = JsonSchemaType.String, MaxLength = max, Description = description };
        static OpenApiSchema Unit(string description) => new() { Type = JsonSchemaType.Number, Minimum = "0", Maximum = "1", Description = description };
        return new OpenApiRequestBody
        {
            Required = true,
            Description = "The file and its metadata as multipart/form-data.",
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["multipart/form-data"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", MaxLength = LimitsDocumentFilter.MaxFileBytes, Description = "JPEG, PNG, WebP, AVIF, GIF or PDF (SVG only with Assets:AllowSvg)." },
                            ["alt"] = Text(1000, "What the image shows, for readers who cannot see it; required for an image unless decorative."),
                            ["decorative"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "true when the image carries no information (then alt may be empty)." },
                            ["caption"] = Text(2000, "Shown under the image."),
                            ["credit"] = Text(500, "Who made it."),
                            ["license"] = Text(500, "Under which terms it may be used."),
                            ["focalX"] = Unit("The focal point from the left edge (default 0.5); cover crops keep it in view."),
                            ["focalY"] = Unit("The focal point from the top edge (default 0.5)."),
                        },
                    },
                },
            },
        };
    }

    private static void Add(OpenApiOperation operation, string name, bool required, string description, string example)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = required,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
            Example = System.Text.Json.Nodes.JsonValue.Create(example),
        });
    }
}
