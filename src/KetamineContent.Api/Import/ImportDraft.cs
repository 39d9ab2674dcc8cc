using System.Text.RegularExpressions;
using KetamineContent.Api.Access;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Editing;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Import;

/// <summary>
/// Reads one document and creates its draft: the one code path behind POST /v1/manage/articles/import and the
/// console's import screen. A slug left out is made from the title the importer found (or was given).
/// </summary>
public static partial class ImportDraft
{
    public const string SlugRule = "'slug' must be lowercase letters, digits and single hyphens, at most 120 characters.";

    public static async Task<Results<CreatedWithETag<ImportedArticle>, ProblemHttpResult>> CreateAsync(
        ImportFormat format, byte[]? bytes, string? slug, string? topic, string? locale, string? title,
        CommandSession session, Actor actor, TimeProvider clock, TimeSpan timeout, CancellationToken ct, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (Refuse(slug, topic, locale, title) is { } refused)
        {
            return refused;
        }

        if (bytes is null || bytes.Length == 0)
        {
            return Problems.BadRequest("The body must hold the document to import.");
        }

        (Content.ArticleContent Content, ImportReport Report) imported;
        try
        {
            imported = await ImportFormats.ImportAsync(format, bytes, title, ImportFormats.DefaultDisclaimer, timeout, ct, fileName);
        }
        catch (ImportUnreadableException ex)
        {
            return Problems.BadRequest(ex.Message, ex.Field);
        }
        catch (Exception ex) when (ex is ImportTooLargeException or ImportTimedOutException)
        {
            return Problems.Unprocessable(ex.Message);
        }

        var (content, report) = imported;
        var (c, tx) = await session.BeginAsync(ct);
        var article = await ArticleCommands.CreateDraftAsync(c, tx, actor, slug ?? SlugFrom(report.Title), locale ?? "en", topic!, [], content,
            $"Imported from {format}", null, clock, ct);
        return new CreatedWithETag<ImportedArticle>(new ImportedArticle(article, report), Preconditions.ETagFor(1), $"/v1/manage/articles/{article.Id}");
    }

    /// <summary>A slug made of a title or file name: lowercase letters and digits joined by single hyphens, at most 120 characters.</summary>
    public static string SlugFrom(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = NonSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "imported" : slug[..Math.Min(120, slug.Length)].Trim('-');
    }

    private static ProblemHttpResult? Refuse(string? slug, string? topic, string? locale, string? title) =>
        slug is not null && !DeliveryRules.IsSlug(slug) ? Problems.BadRequest(SlugRule, "slug")
        : !DeliveryRules.IsSlug(topic) || topic!.Length > 64 ? Problems.BadRequest("'topic' must be a topic slug such as 'depression' (see /v1/topics).", "topic")
        : locale is not null && !DeliveryRules.IsLocale(locale) ? Problems.BadRequest("'locale' must look like 'en' or 'de-CH'.", "locale")
        : title is not null && (string.IsNullOrWhiteSpace(title) || title.Length > 200 || !TextRules.IsClean(title))
            ? Problems.BadRequest("'title' must be 1 to 200 characters of text.", "title")
        : null;

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
