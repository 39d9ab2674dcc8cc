using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace KetamineContent.Api.Http;

/// <summary>If-Match for objects with a version ETag (releases, tasks): 428 without it, 412 when it names another version.</summary>
public static class IfMatch
{
    /// <summary>Null when If-Match names the current ETag (strong comparison; '*' is refused as it skips the check).</summary>
    public static ProblemHttpResult? Check(HttpRequest request, string currentETag, string what)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.IfMatch;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            return Problems.PreconditionRequired($"Send If-Match with the {what}'s current ETag ({currentETag}).");
        }

        var current = new EntityTagHeaderValue(currentETag);
        return EntityTagHeaderValue.TryParseList(header, out var tags) && tags.Any(t => !t.Equals(EntityTagHeaderValue.Any) && t.Compare(current, useStrongComparison: true))
            ? null
            : TypedResults.Problem($"The {what} has changed: its current ETag is {currentETag}. Fetch it and retry with that ETag.",
                statusCode: StatusCodes.Status412PreconditionFailed, title: ProblemTitles.For(412), extensions: new Dictionary<string, object?> { ["currentETag"] = currentETag });
    }
}

/// <summary>Endpoint metadata: this write requires If-Match with the ETag of the object it changes (documented as such).</summary>
public sealed record IfMatchOf(string Description, string Example);

public static class IfMatchOfExtensions
{
    public static RouteHandlerBuilder RequireIfMatchOf(this RouteHandlerBuilder builder, string description, string example) =>
        builder.WithMetadata(new IfMatchOf(description, example)).ProducesProblem(412).ProducesProblem(428);
}
