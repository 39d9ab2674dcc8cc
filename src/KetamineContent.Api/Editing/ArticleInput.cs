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
        (References ?? []).Select(r => new ReferenceContent(r.Title.Trim(), r.Url, r.Doi, r.PubmedId)).ToList())
    {
        Related = EffectiveRelated,
    };
}

/// <summary>A section: its kind, heading, Markdown body and the 1-based numbers of the references it cites.</summary>
public sealed record SectionInput(string Kind, string Heading, string? Body, IReadOnlyList<int>? Cites);

public sealed record ReferenceInput(string Title, string Url, string? Doi, string? PubmedId)
{
    /// <summary>Read-only: a reference's number is its position in the list; ignored on input.</summary>
    [ReadOnly(true)]
    [Description("Read-only: the position in the list decides the number; ignored on input.")]
    public JsonElement? Number { get; init; }
}
