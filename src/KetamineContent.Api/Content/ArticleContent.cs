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

/// <summary>
/// A typed section. It cites references with <c>[^id]</c> markers in its body; <c>Cites</c> may add 1-based
/// positions in the revision's references (the older, section-wide way of citing, still read and written).
/// </summary>
public sealed record SectionContent(string Kind, string Heading, string Body, IReadOnlyList<int>? Cites = null);

/// <summary>A reference: <c>Id</c> is what sections cite (<c>[^id]</c>), unique within the revision.</summary>
public sealed record ReferenceContent(
    string Id,
    string Title,
    string? Url = null,
    string? Doi = null,
    string? PubmedId = null,
    IReadOnlyList<string>? Authors = null,
    string? Journal = null,
    string? Publisher = null,
    int? Year = null,
    string? Volume = null,
    string? Issue = null,
    string? Pages = null,
    DateOnly? Accessed = null)
{
    /// <summary>The id readers see for a reference stored before references had ids: its 1-based position.</summary>
    public static string PositionalId(int position) => $"ref-{position}";
}
