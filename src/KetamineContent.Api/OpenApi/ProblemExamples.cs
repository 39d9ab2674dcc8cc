using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace KetamineContent.Api.OpenApi;

/// <summary>
/// One example problem body per status, worded as the API words it, with the operation's own path as the instance
/// (so no two kinds of error share an example).
/// </summary>
internal static class ProblemExamples
{
    private const string Id = "0f8e4c1a-5d2b-4e7f-9a31-2c6b8d4e0a17";
    private const string Slug = "ketamine-for-anxiety";

    public static JsonObject For(string status, string path, OpenApiOperation operation)
    {
        var instance = Instance(path);
        var code = status == "4XX" ? 414 : int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
        var detail = code switch
        {
            400 => $"Invalid: {Field(operation)}.",
            401 when path.EndsWith("/review", StringComparison.Ordinal) =>
                "A sign-off needs an authentication no older than 15 minutes (Auth:Oidc:SignOffMaxAgeMinutes), and the credentials say not when you authenticated (no auth_time). Sign in again at the identity provider, then sign off.",
            401 => "The API key is unknown or revoked.",
            403 when path.EndsWith("/review", StringComparison.Ordinal) =>
                "A sign-off must be a person's (Review:SignOffRequiresPerson is true): an API key cannot sign off. Sign in to the console with the organisation's identity provider, or call with the person's own access token.",
            403 => "The role 'editor' may not perform this operation.",
            404 => path.Contains("{slug}", StringComparison.Ordinal)
                ? $"No published article has the slug '{Slug}'."
                : $"Nothing answers at {instance}: no such id or revision.",
            409 when path.Contains("/reviewers", StringComparison.Ordinal) => "Another reviewer profile already has the ORCID iD 0000-0002-1825-0097.",
            409 when path.StartsWith("/v1/manage/assets", StringComparison.Ordinal) =>
                "The asset is used by 1 article(s): ketamine-and-sleep (en, draft). Remove it from their current and published revisions first.",
            409 => path.Contains("{id}", StringComparison.Ordinal)
                ? "The article is archived; it can be published only when draft or published."
                : "Another article already uses this slug in this locale.",
            410 when path.Contains("sync", StringComparison.Ordinal) => "The cursor is older than the retained change feed; sync again without a cursor.",
            410 => $"The article '{Slug}' was withdrawn (safety). See /v1/articles/ketamine-for-depression instead.",
            412 when path.Contains("/reviewers", StringComparison.Ordinal) =>
                "The reviewer profile has changed: its current ETag is \"3\". Fetch it, merge, and retry with that ETag.",
            412 => "The article has changed: its current revision is 3 (ETag \"3\"). Fetch it, merge, and retry with that ETag.",
            413 => "The request body is larger than 1048576 bytes.",
            414 => "The URL is longer than 8192 characters.",
            415 => "Send the body as " + string.Join(" or ", operation.RequestBody?.Content?.Keys ?? ["application/json"]) + ".",
            422 when path.EndsWith("/publish", StringComparison.Ordinal) =>
                "Revision 2 cannot be published: the section 'side_effects' is empty. The revision has no valid medical sign-off.",
            422 when path.EndsWith("/review", StringComparison.Ordinal) =>
                "The reviewer profile 5e1d7a2c-0001-4000-8000-0000000000a1 is linked to another API key or person; only they can sign as this profile.",
            422 => "This Idempotency-Key was already used with another request; use a new key for a new request.",
            428 => "Send If-Match with the ETag of the revision this edit is based on (from GET /v1/manage/articles/{id}).",
            429 => "The rate limit for this client was reached; retry after 30 s.",
            503 => "The content database is unreachable right now; retry after the indicated delay.",
            _ => "The request cannot be answered.",
        };

        var problem = new JsonObject
        {
            ["type"] = TypeFor(code),
            ["title"] = Http.ProblemTitles.For(code, hasErrors: code == 400),
            ["status"] = code,
            ["detail"] = detail,
            ["instance"] = instance,
        };
        switch (code)
        {
            case 400:
                problem["errors"] = new JsonObject { [Field(operation)] = new JsonArray($"'{Field(operation)}' is not valid.") };
                break;
            case 410 when !path.Contains("sync", StringComparison.Ordinal):
                problem["reason"] = "safety";
                problem["replacementSlug"] = "ketamine-for-depression";
                problem["replacement"] = "/v1/articles/ketamine-for-depression";
                problem["withdrawnAt"] = "2026-11-01T09:00:00.000000Z";
                break;
            case 412:
                problem["currentRevision"] = 3;
                problem["currentETag"] = "\"3\"";
                break;
            case 409 when path.StartsWith("/v1/manage/assets", StringComparison.Ordinal):
                problem["articles"] = new JsonArray(new JsonObject
                {
                    ["articleId"] = "6b1f0c1e-0004-4000-8000-000000000004", ["slug"] = "ketamine-and-sleep", ["locale"] = "en", ["status"] = "draft",
                    ["inLatest"] = true, ["inPublished"] = false,
                });
                break;
            case 422 when path.EndsWith("/publish", StringComparison.Ordinal):
                problem["reasons"] = new JsonArray("The section 'side_effects' is empty.", "The revision has no valid medical sign-off.");
                break;
        }

        problem["traceId"] = "0HNQ881URINNH:00000001";
        return problem;
    }

    /// <summary>The parameter or body property a 400 of this operation would name: limit, the first query parameter, or the first required body property.</summary>
    private static string Field(OpenApiOperation operation)
    {
        var query = operation.Parameters?.Where(p => p.In == ParameterLocation.Query).Select(p => p.Name ?? "").ToList() ?? [];
        if (query.Contains("limit"))
        {
            return "limit";
        }

        if (query.Count > 0)
        {
            return query[0];
        }

        var schema = operation.RequestBody?.Content?.Values.FirstOrDefault()?.Schema;
        return (schema as OpenApiSchemaReference)?.Target?.Required?.Order(StringComparer.Ordinal).FirstOrDefault()
               ?? (schema as OpenApiSchema)?.Required?.Order(StringComparer.Ordinal).FirstOrDefault()
               ?? "body";
    }

    private static string Instance(string path) => path
        .Replace("{slug}", Slug, StringComparison.Ordinal)
        .Replace("{kind}", "side_effects", StringComparison.Ordinal)
        .Replace("{id}", Id, StringComparison.Ordinal)
        .Replace("{deliveryId}", "3d2a7f4e-9c1b-4e8a-b6d5-0f1e2a3b4c5d", StringComparison.Ordinal)
        .Replace("{number}", "2", StringComparison.Ordinal)
        .Replace("{a}", "1", StringComparison.Ordinal)
        .Replace("{b}", "2", StringComparison.Ordinal);

    private static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        410 => "https://tools.ietf.org/html/rfc9110#section-15.5.11",
        412 => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        414 => "https://tools.ietf.org/html/rfc9110#section-15.5.15",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        428 => "https://tools.ietf.org/html/rfc6585#section-3",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "https://tools.ietf.org/html/rfc9110",
    };
}
