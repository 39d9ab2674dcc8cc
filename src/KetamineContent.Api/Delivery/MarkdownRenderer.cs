using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KetamineContent.Api.Delivery;

/// <summary>
/// Section bodies as HTML (raw HTML disabled, so it is escaped; links and images with a scheme other than
/// http, https or mailto are emptied) or as plain text.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();
    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    /// <summary>HTML of a body; asset: references become the asset's img element (or link) when it is among <paramref name="assets"/>, else are emptied.</summary>
    public static string ToHtml(string markdown, IReadOnlyList<Assets.ArticleAsset>? assets = null)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (Assets.AssetReferences.Id(link.Url) is { } assetId)
            {
                var asset = assets?.FirstOrDefault(a => a.Id == assetId);
                if (asset is not null && link.IsImage && asset.ContentType.StartsWith("image/", StringComparison.Ordinal) && asset.ContentType != "image/svg+xml")
                {
                    var alt = Assets.AssetReferences.AltOf(link);
                    link.ReplaceBy(new HtmlInline(Assets.AssetReferences.ImgTag(asset, alt.Length > 0 ? alt : asset.Alt)));
                }
                else
                {
                    link.Url = asset?.Url ?? "";
                    link.IsImage = false;
                }
            }
            else if (!IsSafe(link.Url, link.IsImage))
            {
                link.Url = "";
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!IsSafe(autolink.Url, image: false))
            {
                autolink.Url = "";
            }
        }

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString().TrimEnd('\n');
    }

    /// <summary>The end of the message for a body Markdig will not parse: nesting deeper than its limit (about 128 levels of quotes or lists).</summary>
    public const string DepthMessage = "nests Markdown (quotes, lists, emphasis) too deeply to parse; Markdig's limit is about 128 levels.";

    /// <summary>
    /// Whether Markdig parses the body (the delivery pipeline and the default one, which link and asset checks use)
    /// without its depth-limit exception: the one rule behind create, revise, import and the console preview.
    /// </summary>
    public static bool IsWithinDepth(string? markdown)
    {
        try
        {
            Markdown.Parse(markdown ?? "", Pipeline);
            Markdown.Parse(markdown ?? "");
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static string ToText(string markdown) => Markdown.ToPlainText(markdown, Pipeline).Trim();

    /// <summary>Relative links are kept; a scheme must be http(s), or mailto for links. Browsers ignore whitespace and control characters inside schemes, so those are dropped before the check.</summary>
    public static bool IsSafe(string? url, bool image)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        var compact = new string(url.Where(ch => !char.IsWhiteSpace(ch) && !char.IsControl(ch)).ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var slash = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            return !compact.StartsWith("//", StringComparison.Ordinal) || !image;
        }

        var scheme = compact[..colon].ToLowerInvariant();
        return image ? scheme is "http" or "https" : SafeSchemes.Contains(scheme);
    }

    /// <summary>Words of a text or Markdown body: runs of non-space characters holding a letter or digit (so "**", "-" and "#" do not count).</summary>
    public static int WordCount(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        var inWord = false;
        var hasLetter = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch))
            {
                count += inWord && hasLetter ? 1 : 0;
                inWord = hasLetter = false;
            }
            else
            {
                inWord = true;
                hasLetter |= char.IsLetterOrDigit(ch);
            }
        }

        return count + (inWord && hasLetter ? 1 : 0);
    }
}
