using System.ComponentModel.DataAnnotations;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KetamineContent.Api.OpenApi;

/// <summary>
/// Marks a query parameter required when its handler parameter carries [Required]. Such parameters stay nullable in C#
/// so that a missing one reaches the handler, which answers 400 naming it (instead of a framework binding error).
/// </summary>
internal sealed class RequiredParametersOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var required = context.MethodInfo?.GetParameters()
            .Where(p => p.GetCustomAttributes(typeof(RequiredAttribute), inherit: false).Length > 0)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.In == ParameterLocation.Query && required.Contains(parameter.Name ?? ""))
            {
                parameter.Required = true;
            }
        }
    }
}
