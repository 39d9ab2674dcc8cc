namespace KetamineContent.Api.Content;

/// <summary>The content of one revision, as editors send it and as it is stored.</summary>
public sealed record ArticleContent(
    string Title,
    string Summary,
    string Disclaimer,
    IReadOnlyList<SectionContent> Sections,
    IReadOnlyList<ReferenceContent> References)
{
    /// <summary>The slugs of related articles, in the editor's order.</summary>
    public IReadOnlyList<string> Related { get; init; } = [];
}

/// <summary>A typed section; <c>Cites</c> holds 1-based positions in the revision's references.</summary>
public sealed record SectionContent(string Kind, string Heading, string Body, IReadOnlyList<int>? Cites = null);

public sealed record ReferenceContent(string Title, string Url, string? Doi = null, string? PubmedId = null);
