using KetamineContent.Api.Data;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace KetamineContent.Api.Http;

/// <summary>
/// Turns exceptions into problem+json without a stack trace: a malformed request is a 4xx naming what is
/// wrong; an unreachable database, or a transaction that lost a deadlock twice, is 503 with Retry-After;
/// anything else is a plain 500.
/// </summary>
internal sealed class ExceptionToProblem(IProblemDetailsService problems, ILogger<ExceptionToProblem> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail, errors) = await BodyProblemsAsync(httpContext, exception) ?? Classify(httpContext, exception);
        if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = TransactionConflicts.IsConflict(exception) ? "1" : "5";
        }

        httpContext.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Detail = detail };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = null });
    }

    /// <summary>A console page's [SupplyParameterFromQuery] value that does not parse as the parameter's type (?a=abc for an int).</summary>
    private static bool IsUnparsablePageQuery(Exception exception) =>
        exception.Message.StartsWith("Cannot parse the value", StringComparison.Ordinal)
        && exception.StackTrace?.Contains("Microsoft.AspNetCore.Components", StringComparison.Ordinal) == true;

    /// <summary>A JSON body of a validated endpoint that did not bind: every wrong type and broken rule at once.</summary>
    private static async Task<(int, string, Dictionary<string, string[]>?)?> BodyProblemsAsync(HttpContext http, Exception exception)
    {
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        if (exception is not BadHttpRequestException { InnerException: System.Text.Json.JsonException }
            || endpoint?.Metadata.GetMetadata<ValidatedArgument>() is not { } validated
            || await JsonBodyProblems.ListAsync(http, validated.Type) is not { Errors.Count: > 0 } found)
        {
            return null;
        }

        return (StatusCodes.Status400BadRequest, found.Detail, found.Errors);
    }

    private static (int Status, string Detail, Dictionary<string, string[]>? Errors) Classify(HttpContext http, Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException bad:
                return RequestReadFailure.Describe(http, bad);
            case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique:
                return (StatusCodes.Status409Conflict, unique.ConstraintName switch
                {
                    "article_slug_unique_per_locale" => "Another article already uses this slug in this locale.",
                    "article_one_translation_per_locale" => "This translation group already has an article in this locale.",
                    _ => "The change conflicts with existing data.",
                }, null);
            case PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } fk when fk.ConstraintName is "article_topic_fkey" or "revision_topic_fkey":
                return (StatusCodes.Status400BadRequest, "'topic' names no known topic (see /v1/topics).",
                    new Dictionary<string, string[]> { ["topic"] = ["'topic' names no known topic (see /v1/topics)."] });
            case PostgresException { SqlState: var data } when data.StartsWith("22", StringComparison.Ordinal):
                return (StatusCodes.Status400BadRequest, "A value cannot be stored: it contains characters or numbers the store does not accept.", null);
            case PostgresException { SqlState: PostgresErrorCodes.CheckViolation or PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.StringDataRightTruncation } rule:
                return (StatusCodes.Status400BadRequest, $"The content breaks a rule of the store ({rule.ConstraintName ?? rule.MessageText}).", null);
            case PostgresException when TransactionConflicts.IsConflict(exception):
                return (StatusCodes.Status503ServiceUnavailable,
                    "The change collided with concurrent changes twice; nothing was written. Retry after the indicated delay.", null);
            case PostgresException { SqlState: var state } when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal):
            case NpgsqlException and not PostgresException:
            case TimeoutException:
                return (StatusCodes.Status503ServiceUnavailable, "The content database is unreachable right now; retry after the indicated delay.", null);
            case InvalidOperationException when IsUnparsablePageQuery(exception):
                return (StatusCodes.Status400BadRequest, "A query parameter of this page has a value of the wrong kind (a number or yes/no that is neither).", null);
            case Exception when RequestReadFailure.IsMalformedBody(exception):
                return (StatusCodes.Status400BadRequest, RequestReadFailure.MalformedBody, null);
            case OperationCanceledException:
                return (499, "The request was cancelled.", null);
            default:
                return (StatusCodes.Status500InternalServerError, "An unexpected error occurred. It has been logged.", null);
        }
    }
}
