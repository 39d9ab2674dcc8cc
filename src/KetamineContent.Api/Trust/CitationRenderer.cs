using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using KetamineContent.Api.Delivery;

namespace KetamineContent.Api.Trust;

/// <summary>
/// The html and text formats of an article's citations: each [^id] marker naming a reference becomes its number (a
/// superscript link to the list entry in HTML, "[n]" in text), each reference gets its AMA entry, and the article ends
/// with the numbered list. A marker naming no reference stays as written (publishing refuses it).
/// </summary>
public static partial class CitationRenderer
{
    private const char Open = '\uE000';
    private const char Close = '\uE001';

    /// <summary><paramref name="render"/> turns a Markdown body into HTML; the markers pass through it as private-use characters.</summary>
    public static ArticleDocument Html(ArticleDocument document, Func<string, string> render)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(render);
        var ids = document.References.ToDictionary(r => r.Number, r => r.Id);
        var references = document.References.Select(r => r with { Citation = AmaStyle.Html(r) }).ToList();
        var list = new StringBuilder("<ol class=\"references\">");
        foreach (var r in references)
        {
            list.Append(CultureInfo.InvariantCulture, $"<li id=\"reference-{WebUtility.HtmlEncode(r.Id)}\" value=\"{r.Number}\">{r.Citation}</li>");
        }

        return document with
        {
            Sections = document.Sections.Select(s => s with
            {
                Body = Numbered().Replace(PlainInTags(render(Mark(s.Body, document.References))), m =>
                {
                    var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                    return $"<sup class=\"citation\"><a href=\"#reference-{WebUtility.HtmlEncode(ids[n])}\">{n}</a></sup>";
                }),
            }).ToList(),
            References = references,
            ReferenceList = references.Count == 0 ? null : list.Append("</ol>").ToString(),
        };
    }

    /// <summary><paramref name="render"/> turns a Markdown body into plain text.</summary>
    public static ArticleDocument Text(ArticleDocument document, Func<string, string> render)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(render);
        var references = document.References.Select(r => r with { Citation = AmaStyle.Text(r) }).ToList();
        return document with
        {
            Sections = document.Sections.Select(s => s with
            {
                Body = Numbered().Replace(PlainInTags(render(Mark(s.Body, document.References))), m => $"[{m.Groups[1].Value}]"),
            }).ToList(),
            References = references,
            ReferenceList = references.Count == 0 ? null
                : "References\n" + string.Join("\n", references.Select(r => $"{r.Number}. {r.Citation}")),
        };
    }

    /// <summary>Markers naming a reference become its number between private-use characters (any already there are dropped).</summary>
    private static string Mark(string body, IReadOnlyList<ReferenceDocument> references)
    {
        var numbers = references.ToDictionary(r => r.Id, r => r.Number, StringComparer.Ordinal);
        var clean = body.Replace(Open.ToString(), "", StringComparison.Ordinal).Replace(Close.ToString(), "", StringComparison.Ordinal);
        return CitationMarkers.Replace(clean, numbers, (_, n) => $"{Open}{n.ToString(CultureInfo.InvariantCulture)}{Close}");
    }

    /// <summary>A number that landed inside a tag (an image's alt text) is written as "[n]": no markup inside attributes.</summary>
    private static string PlainInTags(string html) =>
        Tag().Replace(html, t => Numbered().Replace(t.Value, m => $"[{m.Groups[1].Value}]"));

    [GeneratedRegex("<[^<>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("\uE000([0-9]{1,3})\uE001")]
    private static partial Regex Numbered();
}
