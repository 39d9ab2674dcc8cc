using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace KetamineContent.Api.Http;

/// <summary>
/// Turns exceptions into problem+json without a stack trace: a malformed request is a 4xx naming what is
/// wrong; an unreachable database is 503 with Retry-After; anything else is a plain 500.
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
            httpContext.Response.Headers.RetryAfter = "5";
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

                var detail = bad.InnerException is System.Text.Json.JsonException json
                    ? "The request body is not valid JSON for this operation: " + json.Message
                    : bad.Message;
                return (bad.StatusCode, bad.StatusCode == 413 ? "Payload too large" : "Bad request", detail, null);
            case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException or TimeoutException:
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
