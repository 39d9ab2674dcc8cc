using System.Text.Json.Serialization;

namespace KetamineContent.Api.Delivery;

/// <summary>What a delivered article says for clinical systems and syndicators: its codes, disclosures, review date and publisher.</summary>
public sealed partial record ArticleDocument
{
    /// <summary>Codes of what the article is about beyond its topic (medications by RxNorm, a narrower condition); the topic's own codes are on GET /v1/topics.</summary>
    public IReadOnlyList<Clinical.CodeDocument> Codes { get; init; } = [];

    /// <summary>Who funded the article, when it declares it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Funding { get; init; }

    /// <summary>The conflicts of interest it declares (authors', reviewers', the publisher's).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConflictsOfInterest { get; init; }

    /// <summary>When the content is next due for medical review (the sign-off's review due date); null without a sign-off.</summary>
    public DateTimeOffset? NextReviewDue { get; init; }

    /// <summary>The publisher, copyright holder, licence and attribution a syndicator must show (Content:Publisher:*); set on public answers.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Clinical.PublisherDocument? Publisher { get; init; }
}
