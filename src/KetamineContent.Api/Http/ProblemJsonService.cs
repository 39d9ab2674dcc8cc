using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Http;

/// <summary>
/// The one problem writer: every error the API or the framework answers (results, the exception handler, status
/// code pages, authentication, rate limits, request limits) is written here as application/problem+json, whatever
/// the request's Accept says, with the title of its kind, the request path as instance, the trace id, and the
/// security headers (the exception handler clears the ones the middleware set).
/// </summary>
internal sealed class ProblemJsonService(IOptions<JsonOptions> json) : IProblemDetailsService
{
    public const string ContentType = "application/problem+json";

    public async ValueTask WriteAsync(ProblemDetailsContext context) => await TryWriteAsync(context);

    public async ValueTask<bool> TryWriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var response = http.Response;
        if (response.HasStarted)
        {
            return false;
        }

        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        response.StatusCode = problem.Status.Value;
        problem.Title ??= ProblemTitles.For(problem.Status.Value, ProblemTitles.HasErrors(problem));
        _ = TypedResults.Problem(problem); // fills 'type' with the RFC 9110 section of the status, as every typed problem has it
        problem.Instance ??= http.Request.Path;
        problem.Extensions["traceId"] = http.TraceIdentifier;
        SecurityHeaders.Apply(response.Headers);
        response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(response.Body, problem, problem.GetType(), json.Value.SerializerOptions, http.RequestAborted);
        return true;
    }
}
