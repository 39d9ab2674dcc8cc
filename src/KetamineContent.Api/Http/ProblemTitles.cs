using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace KetamineContent.Api.Http;

/// <summary>The title of each kind of problem, in one place, so the same problem reads the same whoever answers it.</summary>
public static class ProblemTitles
{
    /// <summary>The title of a 400 that names the invalid inputs in 'errors'.</summary>
    public const string Validation = "One or more validation errors occurred.";

    public static string For(int status, bool hasErrors = false) => status switch
    {
        400 => hasErrors ? Validation : "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        406 => "Not acceptable",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition failed",
        413 => "Payload too large",
        414 => "URI too long",
        415 => "Unsupported media type",
        422 => "Unprocessable request",
        428 => "Precondition required",
        429 => "Too many requests",
        431 => "Request headers too large",
        499 => "Client closed request",
        500 => "Internal server error",
        503 => "Service unavailable",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error",
    };

    public static bool HasErrors(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem is HttpValidationProblemDetails { Errors.Count: > 0 } || problem.Extensions.ContainsKey("errors");
    }
}
