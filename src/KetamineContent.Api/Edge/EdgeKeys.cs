namespace KetamineContent.Api.Edge;

/// <summary>
/// The surrogate keys answers carry (Surrogate-Key, and Cache-Tag for Cloudflare) and purges name: one article's documents
/// (<c>article-&lt;id&gt;</c>), every answer asked for by a slug, whichever translation it served or whether it was a 404 or
/// 410 (<c>slug-&lt;slug&gt;</c>), the collections any change may alter: lists, search, topics, the feed (<c>articles</c>),
/// and an asset's files (<c>asset-&lt;id&gt;</c>).
/// </summary>
public static class EdgeKeys
{
    public const string Collections = "articles";

    public static string Article(Guid id) => $"article-{id:N}";

    /// <summary>A slug's key; only for a slug that passed <see cref="Delivery.DeliveryRules.IsSlug"/> (it goes into a header).</summary>
    public static string Slug(string slug) => "slug-" + slug;

    public static string Asset(Guid id) => $"asset-{id:N}";

    /// <summary>The keys of an answer: an article's document, one asked for by slug, or (neither) a collection.</summary>
    public static string For(Guid? articleId, string? slug) => (articleId, slug) switch
    {
        ({ } id, { } s) => Article(id) + " " + Slug(s),
        ({ } id, null) => Article(id),
        (null, { } s) => Slug(s),
        _ => Collections,
    };
}
