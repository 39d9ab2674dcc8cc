using System.Text.Json.Serialization;

namespace KetamineContent.Api.Delivery;

/// <summary>Plain-language scores on an article document: set by the management preview only, never by delivery.</summary>
public sealed partial record ArticleDocument
{
    /// <summary>In the management preview only (left out elsewhere, and for articles not in English): the revision's plain-language scores.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Trust.ArticleReadability? Readability { get; init; }
}
