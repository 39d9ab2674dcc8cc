using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KetamineContent.Api.OpenApi;

/// <summary>
/// Writes the limits the API and the schema enforce into the contract: maxLength of strings, maxItems of arrays and
/// the range of integers, by property name where a field has its own rule and a safe bound otherwise.
/// </summary>
internal sealed class LimitsDocumentFilter : IDocumentFilter
{
    private static readonly Dictionary<string, int> StringLimits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["slug"] = 120, ["topic"] = 64, ["locale"] = 5, ["title"] = 500, ["summary"] = 1000, ["disclaimer"] = 1000,
        ["heading"] = 200, ["body"] = 20_000, ["url"] = 2000, ["doi"] = 200, ["pubmedId"] = 9, ["changeNote"] = 500,
        ["reviewedBy"] = 200, ["notes"] = 2000, ["reason"] = 200, ["replacementSlug"] = 120, ["replacement"] = 140,
        ["name"] = 200, ["role"] = 16, ["status"] = 16, ["reviewState"] = 16, ["kind"] = 32, ["sectionKind"] = 32, ["change"] = 16,
        ["op"] = 1, ["text"] = 100_000, ["snippet"] = 4000, ["cursor"] = 1024, ["nextCursor"] = 1024, ["key"] = 64, ["prefix"] = 16,
        ["author"] = 200, ["action"] = 64, ["actor"] = 200, ["field"] = 32, ["from"] = 100_000, ["to"] = 100_000, ["etag"] = 64,
        ["currentETag"] = 64, ["q"] = 200, ["format"] = 16, ["fields"] = 400, ["sort"] = 16, ["tag"] = 40, ["asOf"] = 40,
        ["type"] = 2000, ["detail"] = 4000, ["instance"] = 2000, ["headingFrom"] = 200, ["headingTo"] = 200, ["icd10"] = 8, ["slugs"] = 120,
    };

    private static readonly Dictionary<string, int> ArrayLimits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tags"] = 20, ["sections"] = 8, ["references"] = 100, ["cites"] = 100, ["items"] = 100, ["deleted"] = 100,
        ["reviews"] = 1000, ["fields"] = 20, ["lines"] = 100_000,
    };

    /// <summary>The default upload limit (Assets:MaxBytes, 20 MiB): the longest file body the API stores or serves.</summary>
    public const int MaxFileBytes = 20 * 1024 * 1024;

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            Bound(name, schema);
        }

        IEnumerable<OpenApiOperation> operations = document.Paths is null
            ? []
            : document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>());
        foreach (var operation in operations)
        {
            foreach (var parameter in operation.Parameters ?? [])
            {
                Bound(parameter.Name ?? "", parameter.Schema);
            }

            // File bodies (byte[] answers such as asset originals and renditions) are raw bytes, not base64 text,
            // bounded by the largest upload.
            foreach (var media in (operation.Responses?.Values.AsEnumerable() ?? []).SelectMany(r => r.Content?.Values.AsEnumerable() ?? []))
            {
                if (media.Schema is OpenApiSchema { Format: "byte" } file)
                {
                    file.Format = "binary";
                    file.MaxLength = MaxFileBytes;
                }

                // An answer that is a bare array (the CSL-JSON references) is bounded like a page's items.
                Bound("items", media.Schema);
            }
        }
    }

    private static void Bound(string name, IOpenApiSchema? schema)
    {
        if (schema is not OpenApiSchema s)
        {
            return;
        }

        var type = s.Type ?? 0;
        if (type.HasFlag(JsonSchemaType.String) && s.MaxLength is null && s.Enum is not { Count: > 0 })
        {
            s.MaxLength = s.Format switch
            {
                "uuid" => 36,
                "date-time" => 40,
                _ => StringLimits.GetValueOrDefault(name, 2048),
            };
        }

        if (type.HasFlag(JsonSchemaType.Integer))
        {
            s.Minimum ??= name == "status" ? "100" : name is "currentRevision" or "revision" or "number" or "from" or "to" or "a" or "b" ? "-2147483648" : "0";
            s.Maximum ??= name == "status" ? "599" : "2147483647";
        }

        if (type.HasFlag(JsonSchemaType.Array))
        {
            s.MaxItems ??= ArrayLimits.GetValueOrDefault(name, 1000);
            Bound(name, s.Items);
        }

        foreach (var (property, child) in s.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            Bound(property, child);
        }

        if (s.AdditionalProperties is { } additional)
        {
            Bound(name, additional);
        }
    }
}
