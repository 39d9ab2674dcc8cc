using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KetamineContent.Api.OpenApi;

/// <summary>Puts an example on every JSON response whose type has one.</summary>
internal sealed class ExamplesOperationFilter(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses is null)
        {
            return;
        }

        foreach (var responseType in context.ApiDescription.SupportedResponseTypes)
        {
            if (responseType.Type is null || !operation.Responses.TryGetValue(responseType.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response))
            {
                continue;
            }

            if (response.Content is null)
            {
                continue;
            }

            foreach (var (mediaType, media) in response.Content)
            {
                var example = mediaType == Delivery.JsonLd.ContentType
                    ? OpenApiExamples.JsonLdExample()
                    : mediaType == "application/atom+xml"
                    ? System.Text.Json.Nodes.JsonValue.Create(OpenApiExamples.AtomExample())
                    : responseType.Type == typeof(byte[])
                        ? System.Text.Json.Nodes.JsonValue.Create(OpenApiExamples.BinaryExample)
                        : OpenApiExamples.For(operation.OperationId, responseType.Type, json.Value.SerializerOptions);
                if (example is not null && media is OpenApiMediaType concrete && concrete.Example is null)
                {
                    concrete.Example = example.DeepClone();
                }
            }
        }
    }
}
