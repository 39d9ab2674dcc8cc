namespace KetamineContent.Api.Search;

/// <summary>A search hit: the article summary, its rank, the section kind that matched (null when title or summary did) and a highlighted snippet.</summary>
public sealed record SearchHit(
    string Slug,
    string Locale,
    string Title,
    string Summary,
    string Topic,
    IReadOnlyList<string> Tags,
    DateTimeOffset PublishedAt,
    DateTimeOffset UpdatedAt,
    double Rank,
    string? Section,
    string Snippet);

public sealed record SearchPage(IReadOnlyList<SearchHit> Items, string? NextCursor);
