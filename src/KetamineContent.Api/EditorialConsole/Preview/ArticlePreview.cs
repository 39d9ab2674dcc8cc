using System.Net;
using System.Text;
using Dapper;
using KetamineContent.Api.Assets;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Trust;
using Npgsql;

namespace KetamineContent.Api.EditorialConsole.Preview;

/// <summary>
/// The whole article as readers would get it in delivery's html format, from the editor form as it is (not saved):
/// the same Representation("html") renderer, numbered citations and the AMA reference list, article: links resolved
/// to where they lead now (plain text when nowhere), and asset: images as img elements with renditions, their files
/// served through the console's own session.
/// </summary>
public sealed class ArticlePreview(NpgsqlDataSource dataSource, Http.PublicUrls urls, TimeProvider clock)
{
    private const string ResolveLinks = """
        SELECT 'link' AS Kind, s AS Slug, t.slug AS ToSlug, t.locale AS ToLocale, t.title AS ToTitle
        FROM unnest(@Slugs::text[]) AS s LEFT JOIN LATERAL resolve_article_link(s, ARRAY[@Locale, 'en']) t ON true
        """;

    private static readonly Representation Html = new("html", null);

    public async Task<string> HtmlAsync(EditorForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var input = form.Normalize().ToInput();
        var content = input.ToContent();
        var (sections, references) = CitationNumbering.Number(content);
        var bodies = sections.Select(s => s.Body).ToList();
        var assetIds = AssetReferences.Ids(bodies).Take(200).ToArray();
        var slugs = ArticleLinks.Find(bodies).Take(200).ToArray();
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var assets = assetIds.Length == 0 ? [] : (await c.QueryAsync<AssetRow>(new CommandDefinition(AssetSql.Existing, new { Ids = assetIds }, cancellationToken: ct)))
            .Select(ForConsole).ToList();
        var links = slugs.Length == 0 ? [] : (await c.QueryAsync<ResolvedLink>(new CommandDefinition(ResolveLinks, new { Slugs = slugs, Locale = input.EffectiveLocale }, cancellationToken: ct))).ToList();
        var now = clock.GetUtcNow();
        var document = new ArticleDocument(Guid.Empty, input.Slug, input.EffectiveLocale, input.Topic, input.EffectiveTags, content.Title, content.Summary,
            content.Disclaimer, form.BaseRevision, sections, references, null, now, now, 0, 1, assets) { Links = links };
        return Render(Html.Apply(LinkRendering.ForReaders(document, urls)));
    }

    /// <summary>An asset as delivery shows it, its file and renditions through /console/media (drafts' assets are not public yet).</summary>
    private static ArticleAsset ForConsole(AssetRow row)
    {
        var asset = AssetReferences.ToArticleAsset(row);
        var url = ConsoleMedia.FileUrl(row.Id, row.Filename);
        return asset with { Url = url, Srcset = asset.Srcset is null || row.Width is not { } w ? null : AssetReferences.Srcset(url, w) };
    }

    private static string Render(ArticleDocument d)
    {
        var html = new StringBuilder("<article class=\"article-preview\">");
        html.Append("<h1>").Append(WebUtility.HtmlEncode(d.Title)).Append("</h1>");
        html.Append("<p class=\"summary\">").Append(WebUtility.HtmlEncode(d.Summary)).Append("</p>");
        foreach (var s in d.Sections)
        {
            html.Append("<section><h2>").Append(WebUtility.HtmlEncode(s.Heading)).Append("</h2>").Append(s.Body).Append("</section>");
        }

        if (d.ReferenceList is { } list)
        {
            html.Append("<h2>References</h2>").Append(list);
        }

        html.Append("<p class=\"disclaimer\">").Append(WebUtility.HtmlEncode(d.Disclaimer)).Append("</p></article>");
        return html.ToString();
    }
}
