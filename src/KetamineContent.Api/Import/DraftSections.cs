using KetamineContent.Api.Content;

namespace KetamineContent.Api.Import;

/// <summary>One section of the draft as the mapper fills it.</summary>
internal sealed class DraftSection(string kind, string heading, bool named)
{
    public string Kind { get; } = kind;

    public string Heading { get; set; } = heading;

    /// <summary>The heading is the source's own (not a default one given to text placed by its words).</summary>
    public bool Named { get; set; } = named;

    public List<string> Parts { get; } = [];

    public HashSet<int> Cites { get; } = [];
}

/// <summary>
/// The sections of a draft in the order they were first filled (the source's order), with the report's entries for
/// headings and paragraphs. A heading is placed together with the blocks under it, never apart from them.
/// </summary>
internal sealed class DraftSections
{
    private const int MaxHeading = 200;
    private readonly List<DraftSection> _sections = [];
    private string? _lastKind;

    public List<HeadingMapping> Headings { get; } = [];

    public List<ParagraphPlacement> Paragraphs { get; } = [];

    public IReadOnlyList<DraftSection> Ordered => _sections;

    public bool Has(string kind) => Find(kind) is not null;

    /// <summary>A required section the source never speaks of: created empty, under a default heading, at the end.</summary>
    public void Empty(string kind) => _sections.Add(new DraftSection(kind, ArticleMapper.DefaultHeading(kind), false));

    /// <summary>A block outside any heading, placed by its own words (else after the text before it).</summary>
    public void PlaceByWords(SourceBlock block, MeaningScore meaning)
    {
        if (meaning.Decided is { } kind)
        {
            Place(block, kind, "words", meaning.RunnerUp?.Kind, meaning.Top!.Words);
        }
        else
        {
            Place(block, _lastKind ?? SectionKinds.Overview, "context", meaning.Top?.Kind, []);
        }
    }

    public void Place(SourceBlock block, string kind, string by, string? runnerUp, IReadOnlyList<string> words)
    {
        var section = Find(kind) ?? Add(new DraftSection(kind, ArticleMapper.DefaultHeading(kind), false));
        section.Parts.Add(block.Markdown);
        section.Cites.UnionWith(block.Cites ?? []);
        Paragraphs.Add(new ParagraphPlacement(Shapes.Excerpt(Shapes.Plain(block.Markdown), 80), kind, by, runnerUp, words));
        _lastKind = kind;
    }

    /// <summary>
    /// A heading and the blocks under it. A heading whose words name a kind opens that section (or, when the section is
    /// already there, continues it as a subheading). A heading that names none goes with its text where the words of both
    /// decide, unless a later heading names that kind (the author's section is still to come): then, as when nothing
    /// decides, after the text before it. <paramref name="later"/>: the kinds later headings name.
    /// </summary>
    public void Heading(string text, MeaningScore score, IReadOnlyList<SourceBlock> under, IReadOnlySet<string> later)
    {
        if (score.Decided is { } kind)
        {
            Headings.Add(new HeadingMapping(text, kind, score.RunnerUp?.Kind, score.Top!.Words, null));
            Open(kind, text);
            foreach (var block in under)
            {
                Place(block, kind, "heading", score.RunnerUp?.Kind, score.Top.Words);
            }

            return;
        }

        var group = Meaning.Score(string.Join("\n\n", under.Select(b => b.Markdown).Prepend(text)));
        var previous = _lastKind is { } last ? Find(last) : null;
        var (target, by) = previous is { Parts.Count: 0 } || under.Count == 0 ? (_lastKind ?? SectionKinds.Overview, "context")
            : group.Decided is { } meant && (Has(meant) || !later.Contains(meant)) ? (meant, "words")
            : (_lastKind ?? SectionKinds.Overview, "context");
        Headings.Add(new HeadingMapping(text, null, score.Top?.Kind, score.Top?.Words ?? [], target));
        Open(target, text);
        foreach (var block in under)
        {
            Place(block, target, by, by == "words" ? group.RunnerUp?.Kind : group.Top?.Kind, by == "words" ? group.Top!.Words : []);
        }

        _lastKind = target;
    }

    /// <summary>The section of <paramref name="kind"/> under the source's heading: a new section, a default heading replaced, or a subheading.</summary>
    private void Open(string kind, string heading)
    {
        var section = Find(kind);
        if (section is null)
        {
            section = Add(new DraftSection(kind, heading.Length <= MaxHeading ? heading : ArticleMapper.DefaultHeading(kind), heading.Length <= MaxHeading));
            if (heading.Length > MaxHeading)
            {
                section.Parts.Add("### " + heading);
            }
        }
        else if (!section.Named && section.Parts.Count == 0 && heading.Length <= MaxHeading)
        {
            (section.Heading, section.Named) = (heading, true);
        }
        else
        {
            section.Parts.Add("### " + heading);
        }

        _lastKind = kind;
    }

    private DraftSection? Find(string kind) => _sections.Find(s => s.Kind == kind);

    private DraftSection Add(DraftSection section)
    {
        _sections.Add(section);
        return section;
    }
}
