namespace KetamineContent.Api.Delivery;

/// <summary>Rows as Dapper reads them; mapped to contracts by <see cref="DeliveryMapping"/>.</summary>
public class ArticleSummaryRow
{
    public Guid Id { get; init; }
    public string Slug { get; init; } = "";
    public string Locale { get; init; } = "";
    public string Title { get; init; } = "";
    public string Summary { get; init; } = "";
    public string Topic { get; init; } = "";
    public string[] Tags { get; init; } = [];
    public DateTime PublishedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public DateTime? LastReviewed { get; init; }
    public DateTime? ReviewDue { get; init; }
}

public sealed class ArticleRow
{
    public Guid Id { get; init; }
    public string Slug { get; init; } = "";
    public string Locale { get; init; } = "";
    public string Topic { get; init; } = "";
    public string[] Tags { get; init; } = [];
    public string Title { get; init; } = "";
    public string Summary { get; init; } = "";
    public string Disclaimer { get; init; } = "";
    public int Revision { get; init; }
    public string SectionsJson { get; init; } = "[]";
    public string ReferencesJson { get; init; } = "[]";
    public string AssetsJson { get; init; } = "[]";
    public string LinksJson { get; init; } = "[]";
    public string? ReviewedBy { get; init; }
    public string[]? ReviewerCredentials { get; init; }
    public string? ReviewerSpecialty { get; init; }
    public string? ReviewerUrl { get; init; }
    public DateTime? ReviewedAt { get; init; }
    public DateTime? ReviewDue { get; init; }
    public bool? ReviewIsDue { get; init; }
    public bool? ReviewIsOverdue { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public string CodesJson { get; init; } = "[]";
    public string? Funding { get; init; }
    public string? ConflictsOfInterest { get; init; }
}

public sealed class TopicRow
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string CodesJson { get; init; } = "[]";
    public string? Specialty { get; init; }
    public int Count { get; init; }
}

/// <summary>A section as its revision stores it: <c>Cites</c> holds 1-based positions in the revision's references.</summary>
public sealed record StoredSection(string Kind, string Heading, string Body, IReadOnlyList<int>? Cites);

/// <summary>A reference as its revision stores it, at its 1-based position.</summary>
public sealed record StoredReference(
    int Position, string Id, string Title, string? Url, string? Doi, string? PubmedId, IReadOnlyList<string>? Authors,
    string? Journal, string? Publisher, int? Year, string? Volume, string? Issue, string? Pages, DateOnly? Accessed);
