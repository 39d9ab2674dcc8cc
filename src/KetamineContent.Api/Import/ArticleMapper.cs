using KetamineContent.Api.Content;

namespace KetamineContent.Api.Import;

/// <summary>A section body would pass the store's limit: refused rather than cut, so nothing is lost.</summary>
public sealed class ImportTooLargeException(string kind, int length)
    : Exception($"The text placed in '{kind}' would be {length} characters; a section holds at most {MaxBody}. Split the article and import the parts.")
{
    public const int MaxBody = 20_000;
}

/// <summary>
/// The one mapper every reader feeds. It keeps the author's article: sections in the order the text first speaks of
/// them (the store keeps each section's position; a kind appears once, so a later heading of a kind already placed
/// joins that section as a subheading), every heading with the text under it, the introduction as the summary. Text
/// under a heading goes where the heading's words say; under a heading that names no section, the heading and its text
/// go together where their words say (or after the text before them); a text without headings is placed paragraph by
/// paragraph. Every decision is in the report, the guesses marked by how they were made.
/// </summary>
public static class ArticleMapper
{
    public static (ArticleContent Content, ImportReport Report) Map(SourceDocument source, string? titleOverride, string disclaimer, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var blocks = source.Blocks;
        var dropped = source.DroppedLines.ToList();
        var (titleAt, title, titleSource) = ArticleTitle.Of(source, fileName);
        if (titleOverride is not null)
        {
            if (titleAt >= 0)
            {
                dropped.Add(new DroppedLine(blocks[titleAt].Markdown, "title line (replaced by title=)"));
            }

            (title, titleSource) = (titleOverride, "query");
        }

        var draft = new DraftSections();
        var scores = blocks.Select((b, i) => b.Kind == BlockKind.Heading && i != titleAt ? Meaning.Score(b.Markdown) : null).ToList();
        var headingsAt = Enumerable.Range(0, blocks.Count).Where(i => scores[i] is not null).ToList();
        var firstHeading = headingsAt.DefaultIfEmpty(blocks.Count).First();
        var hasMappedHeadings = scores.Any(s => s?.Decided is not null);
        var intro = Enumerable.Range(0, firstHeading).Where(i => i != titleAt).ToList();
        var summaryAt = intro.Where(i => IsSummary(blocks[i])).OrderBy(i => i < titleAt ? 1 : 0).DefaultIfEmpty(-1).First();
        string? summary = null;
        foreach (var i in intro)
        {
            var block = blocks[i];
            if (i == summaryAt)
            {
                summary = Shapes.Plain(block.Markdown);
                if (SameWords(summary, block.Markdown))
                {
                    draft.Paragraphs.Add(new ParagraphPlacement(Shapes.Excerpt(summary, 80), null, "summary", null, []));
                    continue;
                }
            }

            if (hasMappedHeadings)
            {
                draft.Place(block, SectionKinds.Overview, "position", Meaning.Score(block.Markdown).Top?.Kind, []);
            }
            else
            {
                draft.PlaceByWords(block, Meaning.Score(block.Markdown));
            }
        }

        for (var h = 0; h < headingsAt.Count; h++)
        {
            var at = headingsAt[h];
            var under = Enumerable.Range(at + 1, (h + 1 < headingsAt.Count ? headingsAt[h + 1] : blocks.Count) - at - 1).Select(i => blocks[i]).ToList();
            var later = headingsAt.Skip(h + 1).Select(i => scores[i]!.Decided).OfType<string>().ToHashSet(StringComparer.Ordinal);
            draft.Heading(HeadingText(blocks[at].Markdown), scores[at]!, under, later);
        }

        var missing = SectionKinds.Required.Where(k => !draft.Has(k)).ToList();
        foreach (var kind in missing)
        {
            draft.Empty(kind);
        }

        var content = new ArticleContent(title, summary ?? "", disclaimer,
            draft.Ordered.Select(s => new SectionContent(s.Kind, s.Heading, Body(s), s.Cites.Order().ToList())).ToList(), source.References);
        var generated = draft.Ordered.Where(s => !s.Named).Select(s => new HeadingMapping(s.Heading, s.Kind, null, [], null, Generated: true));
        var report = new ImportReport(title, titleSource, content.Summary, [.. draft.Headings, .. generated], draft.Paragraphs, missing, dropped, source.Images);
        return (content, report);
    }

    /// <summary>The introduction that becomes the summary: a paragraph of at most 1000 characters.</summary>
    private static bool IsSummary(SourceBlock block) => block.Kind == BlockKind.Paragraph && Shapes.Plain(block.Markdown).Length <= 1000;

    private static string HeadingText(string markdown) => SameWords(Shapes.Plain(markdown), markdown) ? Shapes.Plain(markdown) : markdown;

    private static bool SameWords(string plain, string markdown) =>
        Meaning.Tokens(markdown).ToHashSet(StringComparer.Ordinal).IsSubsetOf(Meaning.Tokens(plain));

    private static string Body(DraftSection section)
    {
        var body = string.Join("\n\n", section.Parts);
        return body.Length <= ImportTooLargeException.MaxBody ? body : throw new ImportTooLargeException(section.Kind, body.Length);
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
}
