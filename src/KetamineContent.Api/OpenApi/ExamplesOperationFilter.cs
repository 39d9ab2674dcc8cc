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

            var example = OpenApiExamples.For(responseType.Type, json.Value.SerializerOptions);
            if (example is null || response.Content is null)
            {
                continue;
            }

            foreach (var media in response.Content.Values)
            {
                if (media is OpenApiMediaType concrete)
                {
                    concrete.Example = example.DeepClone();
                }
            }
        }
    }
}
