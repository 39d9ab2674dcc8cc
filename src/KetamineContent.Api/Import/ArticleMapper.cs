using KetamineContent.Api.Content;

namespace KetamineContent.Api.Import;

/// <summary>A section body would pass the store's limit: refused rather than cut, so nothing is lost.</summary>
public sealed class ImportTooLargeException(string kind, int length)
    : Exception($"The text placed in '{kind}' would be {length} characters; a section holds at most {MaxBody}. Split the article and import the parts.")
{
    public const int MaxBody = 20_000;
}

/// <summary>
/// The one mapper every reader feeds: finds the title, maps each heading to a section kind by its words, places every
/// paragraph (by the heading above it, or by its own words where there is no heading or the heading means nothing),
/// takes the summary from the introduction, and reports each decision. Every block of the source ends up in the draft.
/// </summary>
public static class ArticleMapper
{
    public static (ArticleContent Content, ImportReport Report) Map(SourceDocument source, string? titleOverride, string disclaimer)
    {
        ArgumentNullException.ThrowIfNull(source);
        var blocks = source.Blocks;
        var dropped = source.DroppedLines.ToList();
        var (titleAt, title, titleSource) = TitleOf(source);
        if (titleOverride is not null)
        {
            if (titleAt >= 0)
            {
                dropped.Add(blocks[titleAt].Markdown);
            }

            (title, titleSource) = (titleOverride, "query");
        }

        var headingKinds = blocks.Select((b, i) => b.Kind == BlockKind.Heading && i != titleAt ? Meaning.Score(b.Markdown) : null).ToList();
        var hasMappedHeadings = headingKinds.Any(h => h?.Decided is not null);
        var firstHeading = Enumerable.Range(0, blocks.Count).Where(i => blocks[i].Kind == BlockKind.Heading && i != titleAt).DefaultIfEmpty(-1).First();
        var summaryAt = SummaryAt(blocks, titleAt, firstHeading, hasMappedHeadings);
        var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
        var headings = new List<HeadingMapping>();
        var paragraphs = new List<ParagraphPlacement>();
        string? summary = null;
        string? underHeading = null;
        MeaningScore? headingScore = null;
        string? lastKind = null;
        string? pendingSubheading = null;
        var unmapped = new List<int>();

        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (i == titleAt)
            {
                continue;
            }

            if (block.Kind == BlockKind.Heading)
            {
                var score = headingKinds[i]!;
                var kind = score.Decided;
                var text = SameWords(Shapes.Plain(block.Markdown), block.Markdown) ? Shapes.Plain(block.Markdown) : block.Markdown;
                FlushPending();
                underHeading = kind;
                headingScore = score;
                if (kind is null)
                {
                    pendingSubheading = text;
                    unmapped.Add(headings.Count);
                    headings.Add(new HeadingMapping(text, null, score.Top?.Kind, score.Top?.Words ?? [], null));
                    continue;
                }

                headings.Add(new HeadingMapping(text, kind, score.RunnerUp?.Kind, score.Top!.Words, null));
                if (sections.TryGetValue(kind, out var named) && !named.Named && text.Length <= 200)
                {
                    (named.Heading, named.Named) = (text, true);
                }
                else if (named is not null || text.Length > 200)
                {
                    pendingSubheading = text;
                }

                sections.TryAdd(kind, new Section(text.Length <= 200 ? text : DefaultHeading(kind)) { Named = text.Length <= 200 });

                continue;
            }

            var plain = Shapes.Plain(block.Markdown);
            var beforeHeadings = firstHeading < 0 || i < firstHeading;
            if (i == summaryAt)
            {
                summary = plain;
                if (SameWords(plain, block.Markdown))
                {
                    paragraphs.Add(new ParagraphPlacement(Shapes.Excerpt(plain, 80), null, "summary", null, []));
                    continue;
                }
            }

            var meaning = Meaning.Score(block.Markdown);
            string placed;
            string by;
            KindScore? decider = null;
            if (underHeading is not null)
            {
                (placed, by) = (underHeading, "heading");
            }
            else if (beforeHeadings && hasMappedHeadings)
            {
                (placed, by) = (SectionKinds.Overview, "position");
            }
            else if (meaning.Decided is { } kind)
            {
                (placed, by, decider) = (kind, "words", meaning.Top);
            }
            else
            {
                (placed, by) = (lastKind ?? SectionKinds.Overview, "context");
            }

            var runnerUp = by switch
            {
                "heading" => headingScore?.RunnerUp?.Kind,
                "words" => meaning.RunnerUp?.Kind,
                _ => meaning.Top?.Kind,
            };
            var words = by == "heading" ? headingScore!.Top!.Words : decider?.Words ?? [];
            paragraphs.Add(new ParagraphPlacement(Shapes.Excerpt(plain, 80), placed, by, runnerUp, words));
            Add(placed, block);
        }

        FlushPending();
        var references = source.References;
        var missing = SectionKinds.Required.Where(k => !sections.ContainsKey(k)).ToList();
        foreach (var kind in missing)
        {
            sections[kind] = new Section(DefaultHeading(kind));
        }

        var ordered = SectionKinds.All.Where(sections.ContainsKey).Select(k => (Kind: k, Section: sections[k])).ToList();
        var content = new ArticleContent(title, summary ?? "", disclaimer,
            ordered.Select(s => new SectionContent(s.Kind, s.Section.Heading, Body(s.Kind, s.Section), s.Section.Cites.Order().ToList())).ToList(),
            references);
        var report = new ImportReport(title, titleSource, content.Summary, headings, paragraphs, missing, dropped, source.Images);
        return (content, report);

        void Add(string kind, SourceBlock block)
        {
            var section = Subheading(kind);
            section.Parts.Add(block.Markdown);
            section.Cites.UnionWith(block.Cites ?? []);
            lastKind = kind;
        }

        // A heading that is not a section's own goes into the section of the text under it, as a subheading.
        Section Subheading(string kind)
        {
            if (!sections.TryGetValue(kind, out var section))
            {
                section = sections[kind] = new Section(DefaultHeading(kind));
            }

            if (pendingSubheading is not null)
            {
                section.Parts.Add("### " + pendingSubheading);
                foreach (var u in unmapped)
                {
                    headings[u] = headings[u] with { MergedInto = kind };
                }

                unmapped.Clear();
                pendingSubheading = null;
            }

            return section;
        }

        // A heading with no text under it goes to the section before it.
        void FlushPending()
        {
            if (pendingSubheading is not null)
            {
                Subheading(underHeading ?? lastKind ?? SectionKinds.Overview);
            }
        }
    }

    /// <summary>The title: a level-1 heading, else a heading-shaped first block, else a heading-shaped block among the first three that names no section, else the document's title, else the first sentence.</summary>
    private static (int At, string Title, string Source) TitleOf(SourceDocument source)
    {
        var blocks = source.Blocks;
        bool Fits(int i) => blocks[i].Kind == BlockKind.Heading && blocks[i].Markdown.Length <= 200;
        var at = Enumerable.Range(0, blocks.Count).Where(i => Fits(i) && blocks[i].Level == 1).DefaultIfEmpty(-1).First();
        if (at < 0 && blocks.Count > 0 && Fits(0))
        {
            at = 0;
        }

        if (at < 0)
        {
            at = Enumerable.Range(0, Math.Min(3, blocks.Count)).Where(i => Fits(i) && Meaning.Score(blocks[i].Markdown).Decided is null).DefaultIfEmpty(-1).First();
        }

        if (at >= 0)
        {
            return (at, Shapes.Plain(blocks[at].Markdown), "heading");
        }

        if (!string.IsNullOrWhiteSpace(source.DocumentTitle) && source.DocumentTitle.Length <= 200)
        {
            return (-1, source.DocumentTitle.Trim(), "document");
        }

        var first = blocks.FirstOrDefault(b => b.Kind == BlockKind.Paragraph)?.Markdown ?? "Imported article";
        var plain = Shapes.Plain(first);
        var end = plain.IndexOfAny(['.', '?', '!']);
        return (-1, Shapes.Excerpt(end > 0 ? plain[..(end + 1)] : plain, 200), "firstSentence");
    }

    /// <summary>The introduction: the first paragraph after the title and before the first heading, else the first before the first heading (or anywhere when no heading maps).</summary>
    private static int SummaryAt(IReadOnlyList<SourceBlock> blocks, int titleAt, int firstHeading, bool hasMappedHeadings)
    {
        bool Intro(int i) => blocks[i].Kind == BlockKind.Paragraph && Shapes.Plain(blocks[i].Markdown).Length <= 1000
                             && (firstHeading < 0 || i < firstHeading || !hasMappedHeadings);
        var all = Enumerable.Range(0, blocks.Count).Where(i => i != titleAt && Intro(i)).ToList();
        return all.Where(i => i > titleAt).DefaultIfEmpty(all.DefaultIfEmpty(-1).First()).First();
    }

    private static bool SameWords(string plain, string markdown) =>
        Meaning.Tokens(markdown).ToHashSet(StringComparer.Ordinal).IsSubsetOf(Meaning.Tokens(plain));

    private static string Body(string kind, Section section)
    {
        var body = string.Join("\n\n", section.Parts);
        return body.Length <= ImportTooLargeException.MaxBody ? body : throw new ImportTooLargeException(kind, body.Length);
    }

    public static string DefaultHeading(string kind) => kind switch
    {
        SectionKinds.Overview => "Overview",
        SectionKinds.Mechanism => "How it works",
        SectionKinds.WhatToExpect => "What to expect",
        SectionKinds.SideEffects => "Side effects",
        SectionKinds.Evidence => "What the studies say",
        SectionKinds.Alternatives => "Other treatments",
        SectionKinds.Risks => "Risks",
        _ => "Conclusion",
    };

    private sealed class Section(string heading)
    {
        public string Heading { get; set; } = heading;

        /// <summary>The heading is the source's own (not a default one given to text placed by its words).</summary>
        public bool Named { get; set; }

        public List<string> Parts { get; } = [];

        public HashSet<int> Cites { get; } = [];
    }
}
