using System.Text.Json.Serialization;
using System.ComponentModel;
using System.Text.Json;
using KetamineContent.Api.Content;

namespace KetamineContent.Api.Editing;

/// <summary>
/// The full content of an article revision, as an editor sends it (create, new revision). What a client read
/// (a revision's <c>content</c>, the managed article) can be sent back unchanged: the server-owned fields it carries
/// are accepted and ignored (<see cref="ArticleInput"/>'s read-only part); any other unknown field is refused.
/// </summary>
public sealed partial record ArticleInput(
    string Slug,
    string Topic,
    IReadOnlyList<string>? Tags,
    string? Locale,
    string Title,
    string? Summary,
    string? Disclaimer,
    IReadOnlyList<SectionInput> Sections,
    IReadOnlyList<ReferenceInput>? References,
    string? ChangeNote)
{
    [JsonIgnore]
    public string EffectiveLocale => Locale ?? "en";

    [JsonIgnore]
    public IReadOnlyList<string> EffectiveTags => Tags ?? [];

    public ArticleContent ToContent() => new(
        Title.Trim(),
        Summary ?? "",
        Disclaimer ?? "",
        Sections.Select(s => new SectionContent(s.Kind, s.Heading.Trim(), s.Body ?? "", s.Cites ?? [])).ToList(),
        (References ?? []).Select((r, i) => r.ToContent(i + 1)).ToList())
    {
        Related = EffectiveRelated,
    };
}

/// <summary>
/// A section: its kind, heading and Markdown body, which cites references with [^id] markers. <c>cites</c> may also
/// cite whole references by their 1-based position in this request's <c>references</c> (what a read answers there).
/// </summary>
public sealed record SectionInput(
    string Kind,
    string Heading,
    string? Body,
    [property: Description("Optional: 1-based positions in this request's references that the whole section cites. Prefer [^id] markers in the body.")]
    IReadOnlyList<int>? Cites);

/// <summary>A reference; <c>id</c> (default 'ref-n', n its position) is what sections cite with [^id].</summary>
public sealed record ReferenceInput(
    [property: Description("What sections cite with [^id]: lowercase letters, digits and single hyphens, unique in the revision. Default 'ref-n' (its 1-based position).")]
    string? Id,
    IReadOnlyList<string>? Authors,
    string Title,
    [property: Description("The journal of an article (AMA: abbreviated as in PubMed).")] string? Journal,
    [property: Description("The publisher of a book or the owner of a web page.")] string? Publisher,
    int? Year,
    string? Volume,
    string? Issue,
    string? Pages,
    string? Doi,
    string? PubmedId,
    [property: Description("An https URL. A reference needs a url, a doi or a pubmedId.")] string? Url,
    [property: Description("When the url was read (web pages), a date such as 2026-11-01.")] DateOnly? Accessed)
{
    /// <summary>Read-only: a reference's number is the order of its first citation; ignored on input.</summary>
    [ReadOnly(true)]
    [Description("Read-only: numbers follow the order of first citation; ignored on input.")]
    public JsonElement? Number { get; init; }

    /// <summary>Read-only: the AMA entry of the html and text formats; ignored on input.</summary>
    [ReadOnly(true)]
    [Description("Read-only: the AMA entry of the html and text formats; ignored on input.")]
    public JsonElement? Citation { get; init; }

    public string EffectiveId(int position) => Id ?? ReferenceContent.PositionalId(position);

    public ReferenceContent ToContent(int position) => new(
        EffectiveId(position), Title.Trim(), Url, Doi, PubmedId, Authors?.Select(a => a.Trim()).ToList(), Journal?.Trim(), Publisher?.Trim(),
        Year, Volume?.Trim(), Issue?.Trim(), Pages?.Trim(), Accessed);
}
