using System.Text.Json.Serialization;

namespace KetamineContent.Api.Delivery;

/// <summary>Links between articles on a delivered article.</summary>
public sealed partial record ArticleDocument
{
    /// <summary>Related articles: for readers only those published, with title and URL.</summary>
    public IReadOnlyList<Trust.RelatedArticle> Related { get; init; } = [];

    /// <summary>The revision's links and where they lead now (used to render, never serialised).</summary>
    [JsonIgnore]
    public IReadOnlyList<Trust.ResolvedLink> Links { get; init; } = [];
}
