using System.Text.Json.Serialization;

namespace KetamineContent.Api.Delivery;

/// <summary>A published article as readers get it. <c>review</c> is left out when the revision has no sign-off; <c>assets</c> lists the images and files its sections use, in order of first use.</summary>
public sealed partial record ArticleDocument(
    Guid Id,
    string Slug,
    string Locale,
    string Topic,
    IReadOnlyList<string> Tags,
    string Title,
    string Summary,
    string Disclaimer,
    int Revision,
    IReadOnlyList<SectionDocument> Sections,
    IReadOnlyList<ReferenceDocument> References,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReviewDocument? Review,
    DateTimeOffset PublishedAt,
    DateTimeOffset UpdatedAt,
    int WordCount,
    int ReadingTimeMinutes,
    IReadOnlyList<Assets.ArticleAsset> Assets)
{
    /// <summary>In format=html or text only: the numbered AMA reference list the article ends with (an HTML ol, or plain text).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReferenceList { get; init; }
}

/// <summary>One typed section; <c>cites</c> lists the numbers of the references it cites, in order of first use.</summary>
public sealed record SectionDocument(string Kind, string Heading, string Body, IReadOnlyList<int> Cites);

/// <summary>
/// A reference, numbered in order of first citation (sections in order, each body's [^id] markers in order);
/// references no section cites come last. <c>id</c> is what sections cite; references stored before ids existed read as 'ref-n'.
/// </summary>
public sealed record ReferenceDocument(
    int Number,
    string Id,
    IReadOnlyList<string> Authors,
    string Title,
    string? Journal,
    string? Publisher,
    int? Year,
    string? Volume,
    string? Issue,
    string? Pages,
    string? Doi,
    string? PubmedId,
    string? Url,
    DateOnly? Accessed)
{
    /// <summary>In format=html or text only: this reference's entry in AMA style (HTML with the journal in italics, or plain text).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Citation { get; init; }
}

/// <summary>
/// The medical sign-off of the revision shown. <c>due</c>: it expires within Review:DueSoonDays (review.due was raised);
/// <c>overdue</c>: it has expired (review.overdue was raised) and the article awaits a new sign-off.
/// </summary>
public sealed record ReviewDocument(ReviewerDocument ReviewedBy, DateTimeOffset ReviewedAt, DateTimeOffset ReviewDue, bool Due = false, bool Overdue = false);

/// <summary>Who signed, as the sign-off recorded it: <c>credentials</c> (post-nominal letters, empty when none), <c>specialty</c> and <c>url</c> (null when none).</summary>
public sealed record ReviewerDocument(string Name, IReadOnlyList<string> Credentials, string? Specialty, string? Url);

/// <summary>An article in a list: no section bodies.</summary>
public sealed record ArticleSummary(
    Guid Id,
    string Slug,
    string Locale,
    string Title,
    string Summary,
    string Topic,
    IReadOnlyList<string> Tags,
    DateTimeOffset PublishedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>When the published revision was last signed off, and when it is next due for review (lists only; absent in search hits).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastReviewed { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? NextReviewDue { get; init; }
}

/// <summary>A page of articles; <c>nextCursor</c> is null on the last page; <c>total</c> (every match, all pages) only with count=true.</summary>
public sealed record ArticlePage(
    IReadOnlyList<ArticleSummary> Items,
    string? NextCursor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Total = null);

/// <summary>A topic: <c>codes</c> lists the codes of its condition in order; <c>icd10</c> is the first ICD-10-CM one (null when it has none).</summary>
public sealed record TopicDocument(string Slug, string Name, string? Icd10, int Count, IReadOnlyList<Clinical.CodeDocument> Codes);

/// <summary>What JSON-LD says of an article's topic: its name, schema.org MedicalSpecialty and codes.</summary>
public sealed record TopicInfo(string Name, string? Specialty, IReadOnlyList<Clinical.CodeDocument> Codes);

public sealed record TopicList(IReadOnlyList<TopicDocument> Items);

/// <summary>Why a published article was withdrawn, and where readers should go instead.</summary>
public sealed record Withdrawal(string Action, string Reason, string? ReplacementSlug, DateTimeOffset At);

/// <summary>An article's section, with the article it belongs to.</summary>
public sealed record SectionInArticle(string Slug, string Locale, int Revision, SectionDocument Section);
