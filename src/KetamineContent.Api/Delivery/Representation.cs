using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;

namespace KetamineContent.Api.Delivery;

/// <summary>How a reader wants content: body format (markdown, html, text, or JSON-LD) and a sparse set of top-level fields.</summary>
public sealed record Representation(string Format, IReadOnlySet<string>? Fields)
{
    public static readonly Representation Default = new("markdown", null);
    private static readonly string[] Formats = ["markdown", "html", "text", "jsonld"];

    public bool IsJsonLd => Format == "jsonld";

    /// <summary>Parses ?format= and ?fields= (and Accept: application/ld+json); an error names the parameter.</summary>
    public static (Representation? Value, string? Parameter, string? Error) Parse(string? format, string? fields, string? accept)
    {
        if (format is not null && !Formats.Contains(format, StringComparer.Ordinal))
        {
            return (null, "format", "'format' must be markdown, html, text or jsonld.");
        }

        format ??= PrefersJsonLd(accept) ? "jsonld" : "markdown";
        if (fields is null)
        {
            return (new Representation(format, null), null, null);
        }

        var names = fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length is 0 or > 30 || names.Any(n => n.Length > 40 || !n.All(ch => char.IsAsciiLetterOrDigit(ch))))
        {
            return (null, "fields", "'fields' must be a comma-separated list of field names, for example title,summary,sections.");
        }

        return (new Representation(format, names.ToHashSet(StringComparer.Ordinal)), null, null);
    }

    /// <summary>
    /// Accept parsed as media ranges: JSON-LD when application/ld+json is listed with a q above 0 and at least the q of
    /// application/json (when that is listed too). Other types (text/ld+json, application/ld+json-patch) are not JSON-LD.
    /// </summary>
    public static bool PrefersJsonLd(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept) || !MediaTypeHeaderValue.TryParseList([accept], out var ranges))
        {
            return false;
        }

        double? Quality(string type) => ranges.Where(r => r.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Quality ?? 1.0).Cast<double?>().Max();
        return Quality(JsonLd.ContentType) is > 0 and var ld && ld >= (Quality("application/json") ?? 0);
    }

    public ArticleDocument Apply(ArticleDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Format switch
        {
            "html" => Trust.CitationRenderer.Html(document, body => MarkdownRenderer.ToHtml(body, document.Assets)),
            "text" => Trust.CitationRenderer.Text(document, MarkdownRenderer.ToText),
            _ => document,
        };
    }

    /// <summary>Keeps only the requested top-level fields of an object (id and slug always stay, so items remain identifiable).</summary>
    public JsonNode Select(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Fields is null || node is not JsonObject obj)
        {
            return node;
        }

        foreach (var name in obj.Select(p => p.Key).ToList())
        {
            if (name is not ("id" or "slug") && !Fields.Contains(name))
            {
                obj.Remove(name);
            }
        }

        return obj;
    }
}
