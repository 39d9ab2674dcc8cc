using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Http;

/// <summary>The one place where outcomes become RFC 9457 problem responses.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult BadRequest(string detail, string? parameter = null) =>
        parameter is null
            ? TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request")
            : TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [parameter] = [detail] } });

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: "Invalid: " + string.Join(", ", errors.Keys.Order(StringComparer.Ordinal)) + ".",
            title: "One or more validation errors occurred.");

    public static string CamelCase(string name) =>
        string.IsNullOrEmpty(name) || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
