using KetamineContent.Api.Delivery;

namespace KetamineContent.Api.Trust;

/// <summary>
/// Numbers a revision's references in order of first citation: sections in order, each section's citations in the
/// order its body first uses them (then the positions it lists). References no section cites follow, in the editor's order.
/// </summary>
public static class CitationNumbering
{
    /// <summary>Content not stored yet (a sample, the console's unsaved preview), numbered as its revision would be.</summary>
    public static (IReadOnlyList<SectionDocument> Sections, IReadOnlyList<ReferenceDocument> References) Number(Content.ArticleContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var references = content.References;
        return Number(
            content.Sections.Select(s => new StoredSection(s.Kind, s.Heading, s.Body, CitationMarkers.Positions(s, references))).ToList(),
            references.Select((r, i) => new StoredReference(i + 1, r.Id, r.Title, r.Url, r.Doi, r.PubmedId, r.Authors, r.Journal, r.Publisher,
                r.Year, r.Volume, r.Issue, r.Pages, r.Accessed)).ToList());
    }

    public static (IReadOnlyList<SectionDocument> Sections, IReadOnlyList<ReferenceDocument> References) Number(
        IReadOnlyList<StoredSection> sections, IReadOnlyList<StoredReference> references)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(references);
        var known = references.Select(r => r.Position).ToHashSet();
        var numbers = new Dictionary<int, int>();
        foreach (var position in sections.SelectMany(s => s.Cites ?? []).Concat(references.Select(r => r.Position)))
        {
            if (known.Contains(position))
            {
                numbers.TryAdd(position, numbers.Count + 1);
            }
        }

        var numbered = sections.Select(s => new SectionDocument(s.Kind, s.Heading, s.Body,
            (s.Cites ?? []).Where(known.Contains).Select(p => numbers[p]).Distinct().ToList())).ToList();
        var list = references.OrderBy(r => numbers[r.Position]).Select(r => new ReferenceDocument(
            numbers[r.Position], r.Id, r.Authors ?? [], r.Title, r.Journal, r.Publisher, r.Year, r.Volume, r.Issue, r.Pages,
            r.Doi, r.PubmedId, r.Url, r.Accessed)).ToList();
        return (numbered, list);
    }
}
