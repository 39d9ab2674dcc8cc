using System.Text.RegularExpressions;

namespace KetamineContent.Api.Import;

/// <summary>
/// Plain text and Markdown. Markdown: # headings, blank-line paragraphs, lists, quotes, tables. Plain text as copied
/// from web pages: every line is a block (paragraphs are single lines, headings short lines among them), unless a
/// blank-line-separated group reads as one hard-wrapped paragraph. In both, a line of page furniture is dropped.
/// </summary>
public static partial class TextSource
{
    public static SourceDocument Read(string text, bool markdown)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dropped = new List<DroppedLine>();
        var groups = new List<List<string>> { new() };
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Trim().Length == 0)
            {
                groups.Add([]);
            }
            else
            {
                groups[^1].Add(line);
            }
        }

        groups = groups.Select(g => Furniture.Sift(g, dropped, l => l)).Where(g => g.Count > 0).ToList();
        var blocks = new List<SourceBlock>();
        foreach (var group in groups)
        {
            if (markdown)
            {
                MarkdownBlocks(group, blocks);
            }
            else if (IsWrapped(group))
            {
                blocks.Add(SourceBlock.Paragraph(string.Join('\n', group.Select(l => l.Trim()))));
            }
            else
            {
                LineBlocks(group, blocks, joinSentences: groups.Count > 1);
            }
        }

        return new SourceDocument(blocks, dropped, [], []);
    }

    /// <summary>Hard-wrapped prose: every line but the last is long and most of them stop mid-sentence.</summary>
    private static bool IsWrapped(List<string> group)
    {
        if (group.Count == 1)
        {
            return false;
        }

        var inner = group.Take(group.Count - 1).Select(l => l.Trim()).ToList();
        return inner.All(l => l.Length >= 40 && !IsListItem(l)) && inner.Count(l => !".!?".Contains(l[^1], StringComparison.Ordinal)) * 10 >= inner.Count * 7;
    }

    /// <summary>
    /// Lines as blocks: a list item joins the list, a heading-shaped line is a heading, any other line a paragraph; where
    /// blank lines separate the paragraphs (<paramref name="joinSentences"/>), consecutive sentence lines are one paragraph.
    /// </summary>
    private static void LineBlocks(List<string> group, List<SourceBlock> blocks, bool joinSentences)
    {
        var list = new List<string>();
        var sentences = new List<string>();
        foreach (var line in group.Select(l => l.Trim()))
        {
            if (IsListItem(line))
            {
                FlushSentences(sentences, blocks);
                list.Add(Bullet().Replace(line, "- "));
                continue;
            }

            FlushList(list, blocks);
            if (Shapes.LooksLikeHeading(line))
            {
                FlushSentences(sentences, blocks);
                blocks.Add(SourceBlock.Heading(line, 0));
                continue;
            }

            sentences.Add(line);
            if (!joinSentences)
            {
                FlushSentences(sentences, blocks);
            }
        }

        FlushSentences(sentences, blocks);
        FlushList(list, blocks);
    }

    private static void FlushSentences(List<string> sentences, List<SourceBlock> blocks)
    {
        if (sentences.Count > 0)
        {
            blocks.Add(SourceBlock.Paragraph(string.Join('\n', sentences)));
            sentences.Clear();
        }
    }

    private static void MarkdownBlocks(List<string> group, List<SourceBlock> blocks)
    {
        var run = new List<string>();
        foreach (var line in group)
        {
            var heading = MarkdownHeading().Match(line);
            if (heading.Success)
            {
                FlushMarkdown(run, blocks);
                blocks.Add(SourceBlock.Heading(heading.Groups[2].Value.Trim().TrimEnd('#').Trim(), heading.Groups[1].Length));
            }
            else
            {
                run.Add(line);
            }
        }

        FlushMarkdown(run, blocks);
    }

    private static void FlushMarkdown(List<string> run, List<SourceBlock> blocks)
    {
        if (run.Count == 0)
        {
            return;
        }

        var text = string.Join('\n', run).Trim();
        var first = run[0].TrimStart();
        var bold = BoldLine().Match(text);
        blocks.Add(first switch
        {
            _ when run.Count == 1 && bold.Success && Shapes.LooksLikeHeading(bold.Groups[1].Value) => SourceBlock.Heading(bold.Groups[1].Value.Trim(), 0),
            _ when IsListItem(first) => new SourceBlock(BlockKind.List, text),
            _ when first.StartsWith('>') => new SourceBlock(BlockKind.Quote, text),
            _ when first.StartsWith('|') => new SourceBlock(BlockKind.Table, text),
            _ => SourceBlock.Paragraph(text),
        });
        run.Clear();
    }

    private static void FlushList(List<string> list, List<SourceBlock> blocks)
    {
        if (list.Count > 0)
        {
            blocks.Add(new SourceBlock(BlockKind.List, string.Join('\n', list)));
            list.Clear();
        }
    }

    private static bool IsListItem(string line) => Bullet().IsMatch(line.TrimStart()) || Numbered().IsMatch(line.TrimStart());

    [GeneratedRegex(@"^\s{0,3}(#{1,6})\s+(.+)$")]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^\*\*([^*]+)\*\*:?$")]
    private static partial Regex BoldLine();

    [GeneratedRegex(@"^[-*+•·–]\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^\d{1,3}[.)]\s+")]
    private static partial Regex Numbered();
}
