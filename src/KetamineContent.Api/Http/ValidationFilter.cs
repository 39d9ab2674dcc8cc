using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Http;

/// <summary>Validates the endpoint's <typeparamref name="T"/> argument with its FluentValidation validator; 400 on failure.</summary>
public sealed class ValidationFilter<T>(bool optional = false) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<T>>();
        var argument = context.Arguments.OfType<T>().FirstOrDefault();
        if (argument is null)
        {
            return optional ? await next(context) : Problems.BadRequest("The request body is required.");
        }

        var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
        if (result.IsValid)
        {
            return await next(context);
        }

        return ValidationFilterExtensions.Problem(result);
    }
}

public static class ValidationFilterExtensions
{
    /// <summary>The 400 for a failed validation: every message, grouped by the camelCase path of its field.</summary>
    public static ValidationProblem Problem(FluentValidation.Results.ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = result.Errors
            .GroupBy(e => Problems.CamelCase(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        return Problems.Validation(errors);
    }

    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder, bool optional = false) =>
        builder.AddEndpointFilter(new ValidationFilter<T>(optional)).WithMetadata(new ValidatedArgument(typeof(T))).ProducesValidationProblem();
}
