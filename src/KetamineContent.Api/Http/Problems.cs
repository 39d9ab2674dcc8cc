using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Http;

/// <summary>The one place where outcomes become RFC 9457 problem responses.</summary>
public static class Problems
{
    /// <summary>Writes a problem answer from middleware (outside endpoints), through the same problem details service.</summary>
    public static Task WriteAsync(HttpContext context, int status, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Detail = detail },
        }).AsTask();
    }

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: ProblemTitles.For(404));

    public static ProblemHttpResult BadRequest(string detail, string? parameter = null) =>
        parameter is null
            ? TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: ProblemTitles.For(400))
            : TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: ProblemTitles.Validation,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [parameter] = [detail] } });

    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(
            errors,
            detail: detail ?? ValidationDetail(errors),
            title: ProblemTitles.Validation);

    /// <summary>The detail of a validation problem: the invalid fields, by name.</summary>
    public static string ValidationDetail(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return "Invalid: " + string.Join(", ", errors.Keys.Order(StringComparer.Ordinal)) + ".";
    }

    /// <summary>400 naming 'limit' when it is given and outside 1..max; null when it is fine.</summary>
    public static ProblemHttpResult? Limit(int? limit, int max) =>
        limit is < 1 || limit > max ? BadRequest($"'limit' must be between 1 and {max}.", "limit") : null;

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: ProblemTitles.For(409));

    public static ProblemHttpResult Unprocessable(string detail, IReadOnlyList<string>? reasons = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: ProblemTitles.For(422),
            extensions: reasons is null ? null : new Dictionary<string, object?> { ["reasons"] = reasons });

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    public static ProblemHttpResult PreconditionRequired(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status428PreconditionRequired, title: ProblemTitles.For(428));

    /// <summary>412 carrying the current revision, so the client can fetch it and merge.</summary>
    public static ProblemHttpResult PreconditionFailed(int currentRevision, string currentETag) =>
        TypedResults.Problem(
            $"The article has changed: its current revision is {currentRevision} (ETag {currentETag}). Fetch it, merge, and retry with that ETag.",
            statusCode: StatusCodes.Status412PreconditionFailed, title: ProblemTitles.For(412),
            extensions: new Dictionary<string, object?> { ["currentRevision"] = currentRevision, ["currentETag"] = currentETag });

    /// <summary>A property path as the JSON names it: each segment camel-cased ("References[0].Doi" becomes "references[0].doi").</summary>
    public static string CamelCase(string path) =>
        string.Join('.', path.Split('.').Select(s => string.IsNullOrEmpty(s) || char.IsLower(s[0]) ? s : char.ToLowerInvariant(s[0]) + s[1..]));
}
