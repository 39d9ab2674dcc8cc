using System.Text.RegularExpressions;
using KetamineContent.Api.Data;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace KetamineContent.Api.Http;

/// <summary>
/// Turns exceptions into problem+json without a stack trace: a malformed request is a 4xx naming what is
/// wrong; an unreachable database, or a transaction that lost a deadlock twice, is 503 with Retry-After;
/// anything else is a plain 500.
/// </summary>
internal sealed partial class ExceptionToProblem(IProblemDetailsService problems, ILogger<ExceptionToProblem> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = Classify(exception);
        if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = TransactionConflicts.IsConflict(exception) ? "1" : "5";
        }

        httpContext.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = null });
    }

    private static (int Status, string Title, string Detail, Dictionary<string, string[]>? Errors) Classify(Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException bad:
                var match = BindFailure().Match(bad.Message);
                if (match.Success)
                {
                    var name = Problems.CamelCase(match.Groups["name"].Value);
                    var type = match.Groups["type"].Value.TrimEnd('?');
                    var message = $"'{match.Groups["value"].Value}' is not a valid {FriendlyType(type)} for '{name}'.";
                    return (StatusCodes.Status400BadRequest, "One or more validation errors occurred.", message,
                        new Dictionary<string, string[]> { [name] = [message] });
                }

                var detail = bad.InnerException is System.Text.Json.JsonException json ? DescribeJsonError(json) : bad.Message;
                return (bad.StatusCode, bad.StatusCode == 413 ? "Payload too large" : "Bad request", detail, null);
            case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique:
                return (StatusCodes.Status409Conflict, "Conflict", unique.ConstraintName switch
                {
                    "article_slug_unique_per_locale" => "Another article already uses this slug in this locale.",
                    "article_one_translation_per_locale" => "This translation group already has an article in this locale.",
                    _ => "The change conflicts with existing data.",
                }, null);
            case PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } fk when fk.ConstraintName is "article_topic_fkey" or "revision_topic_fkey":
                return (StatusCodes.Status400BadRequest, "One or more validation errors occurred.", "'topic' names no known topic (see /v1/topics).",
                    new Dictionary<string, string[]> { ["topic"] = ["'topic' names no known topic (see /v1/topics)."] });
            case PostgresException { SqlState: var data } when data.StartsWith("22", StringComparison.Ordinal):
                return (StatusCodes.Status400BadRequest, "Bad request", "A value cannot be stored: it contains characters or numbers the store does not accept.", null);
            case PostgresException { SqlState: PostgresErrorCodes.CheckViolation or PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.StringDataRightTruncation } rule:
                return (StatusCodes.Status400BadRequest, "Bad request", $"The content breaks a rule of the store ({rule.ConstraintName ?? rule.MessageText}).", null);
            case PostgresException when TransactionConflicts.IsConflict(exception):
                return (StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                    "The change collided with concurrent changes twice; nothing was written. Retry after the indicated delay.", null);
            case PostgresException { SqlState: var state } when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal):
            case NpgsqlException and not PostgresException:
            case TimeoutException:
                return (StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                    "The content database is unreachable right now; retry after the indicated delay.", null);
            case OperationCanceledException:
                return (499, "Client closed request", "The request was cancelled.", null);
            default:
                return (StatusCodes.Status500InternalServerError, "Internal server error",
                    "An unexpected error occurred. It has been logged.", null);
        }
    }

    /// <summary>Describes a JSON error by what the client sent, not by .NET type names.</summary>
    private static string DescribeJsonError(System.Text.Json.JsonException json)
    {
        var unknown = UnknownMember().Match(json.Message);
        if (unknown.Success)
        {
            return $"Unknown property '{unknown.Groups["name"].Value}': it is not a field of this request (server-owned fields that a client read, such as id or revision, are accepted and ignored).";
        }

        var path = string.IsNullOrEmpty(json.Path) ? "" : $" at '{json.Path}'";
        return json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? $"A value{path} has the wrong type."
            : $"The request body is not valid JSON{path}: {ClrTypeName().Replace(json.Message, "value")}";
    }

    [GeneratedRegex("""The JSON property '(?<name>[^']*)' could not be mapped""")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"\b(System|KetamineContent)(\.[A-Za-z0-9_`\[\]]+)+")]
    private static partial Regex ClrTypeName();

    private static string FriendlyType(string clrType) => clrType switch
    {
        "int" or "long" or "Int32" or "Int64" => "integer",
        "Guid" => "UUID",
        "DateTimeOffset" or "DateTime" => "RFC 3339 date-time",
        "bool" or "Boolean" => "boolean",
        _ => "value",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^ "]+) (?<name>[^"]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();
}
