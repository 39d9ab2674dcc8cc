using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KetamineContent.Api.Trust;

/// <summary>A related article: its slug, and its title and URL when it is published (or replaced by a published one).</summary>
public sealed record RelatedArticle(string Slug, string? Title, string? Url);

/// <summary>A link or related entry of a revision and where it leads now (no <c>ToSlug</c>: nowhere).</summary>
public sealed record ResolvedLink(string Kind, string Slug, string? ToSlug, string? ToLocale, string? ToTitle)
{
    /// <summary>The delivery path it leads to, with ?locale= when it leads to a translation other than en.</summary>
    public string? Path => ToSlug is null ? null : $"/v1/articles/{ToSlug}" + (ToLocale is null or "en" ? "" : $"?locale={ToLocale}");
}

/// <summary>Resolves article: links and related entries at render, to the public URL of where they lead now.</summary>
public static class LinkRendering
{
    private static readonly JsonSerializerOptions RowJson = new(JsonSerializerDefaults.Web);
    private static readonly MarkdownPipeline Precise = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    public static IReadOnlyList<ResolvedLink> Parse(string json) =>
        JsonSerializer.Deserialize<List<ResolvedLink>>(json, RowJson) ?? [];

    /// <summary>Related entries as a revision holds them: every slug, with title and path where it resolves.</summary>
    public static IReadOnlyList<RelatedArticle> Related(IReadOnlyList<ResolvedLink> links) =>
        links.Where(l => l.Kind == "related").Select(l => new RelatedArticle(l.Slug, l.ToTitle, l.Path)).ToList();

    /// <summary>
    /// What readers get: each [text](article:slug) leads to the public URL of where it resolves, or is its plain text
    /// when it leads nowhere; related lists only what resolves, with absolute URLs.
    /// </summary>
    public static ArticleDocument ForReaders(ArticleDocument document, PublicUrls urls)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(urls);
        if (document.Links.Count == 0)
        {
            return document;
        }

        var targets = document.Links.Where(l => l.Kind == "link").ToDictionary(l => l.Slug, l => l.Path is { } p ? urls.Absolute(p) : null, StringComparer.Ordinal);
        return document with
        {
            Sections = document.Sections.Select(s => s with { Body = Rewrite(s.Body, slug => targets.GetValueOrDefault(slug)) }).ToList(),
            Related = ForReaders(document.Links, document.Slug, document.Locale).Select(r => r with { Url = urls.Absolute(r.Url!) }).ToList(),
        };
    }

    /// <summary>
    /// Related entries as readers get them: only those that lead to a published article, each place once (two slugs can
    /// lead to one article when one was withdrawn for the other), and never the article itself (a slug withdrawn with
    /// this article as its replacement leads here).
    /// </summary>
    public static IReadOnlyList<RelatedArticle> ForReaders(IReadOnlyList<ResolvedLink> links, string slug, string locale)
    {
        ArgumentNullException.ThrowIfNull(links);
        var self = new ResolvedLink("related", slug, slug, locale, null).Path;
        return links.Where(l => l.Kind == "related" && l.Path is not null && l.Path != self)
            .DistinctBy(l => l.Path, StringComparer.Ordinal)
            .Select(l => new RelatedArticle(l.Slug, l.ToTitle, l.Path)).ToList();
    }

    /// <summary>What editors get: bodies as written, related with absolute URLs where they resolve.</summary>
    public static ArticleDocument ForEditors(ArticleDocument document, PublicUrls urls)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(urls);
        return document.Related.Count == 0
            ? document
            : document with { Related = document.Related.Select(r => r with { Url = r.Url is null ? null : urls.Absolute(r.Url) }).ToList() };
    }

    /// <summary>Rewrites the article: links of a Markdown body: to the URL <paramref name="urlOf"/> gives, or to their text when it gives none.</summary>
    public static string Rewrite(string markdown, Func<string, string?> urlOf)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(urlOf);
        if (!markdown.Contains(ArticleLinks.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return markdown;
        }

        var links = Markdown.Parse(markdown, Precise).Descendants<LinkInline>()
            .Where(l => !l.IsImage && l.Reference is null && ArticleLinks.Target(l.Url) is not null && !l.UrlSpan.IsEmpty)
            .OrderByDescending(l => l.Span.Start).ToList();
        var text = new StringBuilder(markdown);
        foreach (var link in links)
        {
            if (urlOf(ArticleLinks.Target(link.Url)!) is { } url)
            {
                text.Remove(link.UrlSpan.Start, link.UrlSpan.Length).Insert(link.UrlSpan.Start, url);
            }
            else
            {
                var open = markdown.LastIndexOf('(', link.UrlSpan.Start);
                var close = markdown.LastIndexOf(']', open);
                var label = close > link.Span.Start ? markdown[(link.Span.Start + 1)..close] : "";
                text.Remove(link.Span.Start, link.Span.Length).Insert(link.Span.Start, label);
            }
        }

        return text.ToString();
    }
}
