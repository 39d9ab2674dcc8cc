namespace KetamineContent.Api.Search;

/// <summary>A search hit: the article summary, its rank, <c>sectionKind</c>, the kind of the section that matched best (null when only title or summary did) and a highlighted snippet.</summary>
public sealed record SearchHit(
    Guid Id,
    string Slug,
    string Locale,
    string Title,
    string Summary,
    string Topic,
    IReadOnlyList<string> Tags,
    DateTimeOffset PublishedAt,
    DateTimeOffset UpdatedAt,
    double Rank,
    string? SectionKind,
    string Snippet);

/// <summary>A page of hits; <c>total</c> (every match, all pages) only with count=true.</summary>
public sealed record SearchPage(
    IReadOnlyList<SearchHit> Items,
    string? NextCursor,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? Total = null);
