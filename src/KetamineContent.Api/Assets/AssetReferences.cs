using System.Data;
using System.Globalization;
using System.Net;
using Dapper;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KetamineContent.Api.Assets;

/// <summary>One image or link in a section body: an asset: reference or another URL, with the alt text written there.</summary>
public sealed record AssetReference(Guid? AssetId, bool Image, string Alt);

/// <summary>
/// Sections refer to assets as ![alt](asset:{id}) (or [text](asset:{id}) for a file). This reads those references,
/// records them with each revision, gives the reasons a revision may not be published, and renders them as HTML.
/// </summary>
public static class AssetReferences
{
    public const string Scheme = "asset:";

    public static IReadOnlyList<AssetReference> Find(string markdown) =>
        Markdown.Parse(markdown ?? "").Descendants<LinkInline>()
            .Select(l => new AssetReference(Id(l.Url), l.IsImage, AltOf(l)))
            .Where(r => r.Image || r.AssetId is not null)
            .ToList();

    public static IEnumerable<Guid> Ids(IEnumerable<string> bodies) =>
        bodies.SelectMany(Find).Where(r => r.AssetId is not null).Select(r => r.AssetId!.Value).Distinct();

    /// <summary>Which assets the revision's sections use (a statement of the revision's batch, when there are any).</summary>
    public static void Add(Writes.StatementBatch batch, Guid articleId, int number, IEnumerable<string> bodies)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var ids = Ids(bodies).ToArray();
        if (ids.Length > 0)
        {
            batch.Add(AssetSql.InsertRevisionAssets, new { ArticleId = articleId, Number = number, Ids = ids });
        }
    }

    /// <summary>Every reason the sections' images and asset links stop a publication: a missing asset, an image without alt text.</summary>
    public static async Task<IReadOnlyList<string>> ReasonsNotToPublishAsync(IDbConnection c, IDbTransaction tx, Guid articleId, int number, CancellationToken ct)
    {
        var sections = await c.QueryAsync<(string Kind, string Body)>(new CommandDefinition(AssetSql.SectionBodies, new { Id = articleId, Number = number }, tx, cancellationToken: ct));
        var found = sections.SelectMany(s => Find(s.Body).Select(r => (s.Kind, Reference: r))).ToList();
        var ids = found.Where(f => f.Reference.AssetId is not null).Select(f => f.Reference.AssetId!.Value).Distinct().ToArray();
        var assets = ids.Length == 0
            ? new Dictionary<Guid, AssetRow>()
            : (await c.QueryAsync<AssetRow>(new CommandDefinition(AssetSql.Existing, new { Ids = ids }, tx, cancellationToken: ct))).ToDictionary(a => a.Id);
        var reasons = new List<string>();
        foreach (var (kind, reference) in found)
        {
            if (reference.AssetId is { } id && !assets.ContainsKey(id))
            {
                reasons.Add($"The section '{kind}' refers to the asset {id}, which does not exist.");
            }
            else if (reference.Image && reference.Alt.Length == 0 && !(reference.AssetId is { } a && (assets[a].Decorative || assets[a].Alt.Length > 0)))
            {
                reasons.Add($"An image in the section '{kind}' has no alt text.");
            }
        }

        return reasons.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The assets of a delivered revision, with a srcset of renditions for raster images.</summary>
    public static ArticleAsset ToArticleAsset(AssetRow a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new ArticleAsset(a.Id, a.Url, a.ContentType, a.Width, a.Height, a.Decorative ? "" : a.Alt, a.Caption, a.Credit,
            a is { IsRaster: true, Width: { } w } ? Srcset(a.Url, w) : null);
    }

    /// <summary>Renditions at the srcset widths below the image's own width, then the image's width (never enlarged).</summary>
    public static string Srcset(string url, int width)
    {
        var widths = RenditionRequest.SrcsetWidths.Where(s => s < width).ToList();
        var entries = widths.Select(s => string.Create(CultureInfo.InvariantCulture, $"{url}?w={s} {s}w")).ToList();
        entries.Add(string.Create(CultureInfo.InvariantCulture, $"{url}?w={width} {width}w"));
        return string.Join(", ", entries);
    }

    /// <summary>An img element: alt, width, height, loading=lazy, srcset and sizes; attribute values HTML-encoded.</summary>
    public static string ImgTag(ArticleAsset asset, string alt)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var shown = Math.Min(asset.Width ?? 800, 800);
        var src = asset.Srcset is null ? asset.Url : string.Create(CultureInfo.InvariantCulture, $"{asset.Url}?w={shown}");
        var size = asset is { Width: { } w, Height: { } h } ? string.Create(CultureInfo.InvariantCulture, $" width=\"{w}\" height=\"{h}\"") : "";
        var srcset = asset.Srcset is null ? "" : string.Create(CultureInfo.InvariantCulture, $" srcset=\"{WebUtility.HtmlEncode(asset.Srcset)}\" sizes=\"(max-width: {shown}px) 100vw, {shown}px\"");
        return $"<img src=\"{WebUtility.HtmlEncode(src)}\" alt=\"{WebUtility.HtmlEncode(alt)}\"{size} loading=\"lazy\"{srcset}>";
    }

    public static Guid? Id(string? url) =>
        url is not null && url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && Guid.TryParse(url.AsSpan(Scheme.Length), out var id) ? id : null;

    public static string AltOf(LinkInline link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString())).Trim();
    }
}
