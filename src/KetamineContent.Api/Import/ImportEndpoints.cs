using System.ComponentModel;
using System.Security.Claims;
using KetamineContent.Api.Access;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Editing;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Import;

/// <summary>
/// Endpoint metadata: the body is text of these media types. Documented by the OpenAPI filter; not Accepts(), whose
/// content-type matching in routing would answer 415 before authentication could answer 401.
/// </summary>
public sealed record TextBody(params string[] MediaTypes);

/// <summary>A draft made from imported text, and the report of how the text was read.</summary>
public sealed record ImportedArticle(ManagedArticle Article, ImportReport Report);

/// <summary>POST /v1/manage/articles/import: Markdown or plain text in, a draft (never published) and a report out.</summary>
public static class ImportEndpoints
{
    public const string DefaultDisclaimer =
        "This article is educational information, not medical advice. Ketamine treatment must only be given and supervised by a trained medical professional.";

    public static RouteHandlerBuilder MapImport(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/v1/manage/articles/import", Import)
            .WithTags("Manage articles")
            .RequireRateLimiting(RateLimits.PerKey)
            .RequireAuthorization(Roles.Policies.Editor)
            .WithName("ImportArticle")
            .WithSummary("Import an article written elsewhere (text/markdown or text/plain) as a draft, with a report")
            .WithDescription("Splits the text on headings, maps each to a section kind by its meaning, merges paragraphs under unmappable headings into the " +
                             "nearest section, drops page furniture, takes the title from the first heading or line and the summary from the first paragraph. " +
                             "Required sections it cannot find are created empty and listed in report.missingRequired.")
            .WithMetadata(new TextBody("text/markdown", "text/plain"))
            .AsCommand()
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(415);

    public static async Task<Results<CreatedWithETag<ImportedArticle>, ProblemHttpResult>> Import(
        [Description("The new article's slug.")] string? slug,
        [Description("Its topic (see /v1/topics).")] string? topic,
        [Description("Its locale, default en.")] string? locale,
        HttpRequest request, CommandSession session, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not ("text/markdown" or "text/plain"))
        {
            return Problems.UnsupportedMediaType("Send the article as text/markdown or text/plain.");
        }

        if (!DeliveryRules.IsSlug(slug))
        {
            return Problems.BadRequest("'slug' must be lowercase letters, digits and single hyphens, at most 120 characters.", "slug");
        }

        if (!DeliveryRules.IsSlug(topic) || topic!.Length > 64)
        {
            return Problems.BadRequest("'topic' must be a topic slug such as 'depression' (see /v1/topics).", "topic");
        }

        if (locale is not null && !DeliveryRules.IsLocale(locale))
        {
            return Problems.BadRequest("'locale' must look like 'en' or 'de-CH'.", "locale");
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text) || !TextRules.IsClean(text))
        {
            return Problems.BadRequest("The body must be non-empty text without control characters other than tab and line breaks.");
        }

        var (content, report) = ImportedText.Read(text, mediaType == "text/markdown", DefaultDisclaimer);
        var (c, tx) = await session.BeginAsync(ct);
        var article = await ArticleCommands.CreateDraftAsync(c, tx, Actor.From(user), slug!, locale ?? "en", topic, [], content,
            $"Imported from {mediaType}", clock, ct);
        return new CreatedWithETag<ImportedArticle>(new ImportedArticle(article, report), Preconditions.ETagFor(1), $"/v1/manage/articles/{article.Id}");
    }
}
