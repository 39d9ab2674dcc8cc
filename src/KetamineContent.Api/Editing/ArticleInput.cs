using KetamineContent.Api.Content;

namespace KetamineContent.Api.Editing;

/// <summary>
/// The full content of an article revision, as an editor sends it (create, new revision). Server-owned
/// fields (id, revision, status, author, times, review) are not part of it and are refused if sent.
/// </summary>
public sealed record ArticleInput(
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
    public string EffectiveLocale => Locale ?? "en";

    public IReadOnlyList<string> EffectiveTags => Tags ?? [];

    public ArticleContent ToContent() => new(
        Title.Trim(),
        Summary ?? "",
        Disclaimer ?? "",
        Sections.Select(s => new SectionContent(s.Kind, s.Heading.Trim(), s.Body ?? "", s.Cites ?? [])).ToList(),
        (References ?? []).Select(r => new ReferenceContent(r.Title.Trim(), r.Url, r.Doi, r.PubmedId)).ToList());
}

/// <summary>A section: its kind, heading, Markdown body and the 1-based numbers of the references it cites.</summary>
public sealed record SectionInput(string Kind, string Heading, string? Body, IReadOnlyList<int>? Cites);

public sealed record ReferenceInput(string Title, string Url, string? Doi, string? PubmedId);
