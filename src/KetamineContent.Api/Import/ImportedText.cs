using System.Text.RegularExpressions;
using KetamineContent.Api.Content;

namespace KetamineContent.Api.Import;

/// <summary>The outcome of reading an article written elsewhere: its content, and what went where.</summary>
public sealed record ImportReport(string Title, string Summary, IReadOnlyList<HeadingMapping> Headings, IReadOnlyList<string> MissingRequired, int DroppedLines);

/// <summary>A heading of the source and the section kind it went to (mergedInto when it could not be mapped by itself).</summary>
public sealed record HeadingMapping(string Heading, string? Kind, string? MergedInto);

/// <summary>
/// Splits Markdown (# headings) or plain text (short standalone lines without closing punctuation, or questions)
/// into typed sections by what each heading means; drops page furniture; takes the title from the first heading or
/// line and the summary from the first paragraph.
/// </summary>
public static partial class ImportedText
{
    private static readonly (string Kind, string[] Cues)[] Meanings =
    [
        (SectionKinds.SideEffects, ["side effect", "side-effect", "safety", "is it safe", "adverse"]),
        (SectionKinds.Risks, ["addiction risk", "dependence", "addictive", "tolerance", "risk", "misuse", "abuse"]),
        (SectionKinds.Mechanism, ["how it works", "how does", "how ketamine works", "mechanism", "the science", "how ketamine helps", "work in the brain"]),
        (SectionKinds.WhatToExpect, ["what to expect", "expect", "what happens", "during treatment", "treatment process", "a session", "the process"]),
        (SectionKinds.Alternatives, ["other treatment", "alternative", "traditional treatment", "other options", "treatment options"]),
        (SectionKinds.Evidence, ["stud", "evidence", "research", "trial", "what the science says"]),
        (SectionKinds.Conclusion, ["conclusion", "summary", "in summary", "final thought", "bottom line", "takeaway", "key points"]),
        (SectionKinds.Overview, ["understanding", "introduction", "what is", "overview", "about ", "background"]),
    ];

    public static string? KindOf(string heading)
    {
        var h = " " + heading.ToLowerInvariant().Replace('’', '\'') + " ";
        return Meanings.FirstOrDefault(m => m.Cues.Any(c => h.Contains(c, StringComparison.Ordinal))).Kind;
    }

    public static (ArticleContent Content, ImportReport Report) Read(string text, bool markdown, string disclaimer)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dropped = 0;
        var lines = new List<string>();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (IsFurniture(raw))
            {
                dropped++;
                continue;
            }

            lines.Add(raw.TrimEnd());
        }

        var blocks = Blocks(lines, markdown);
        var title = blocks.FirstOrDefault(b => b.IsHeading)?.Text ?? blocks.FirstOrDefault()?.Text.Split('\n')[0] ?? "Imported article";
        var titleTaken = false;
        var sections = new List<(string Kind, string Heading, List<string> Paragraphs)>();
        var mappings = new List<HeadingMapping>();
        var pending = new List<string>();
        string? summary = null;
        (string Kind, string Heading, List<string> Paragraphs)? current = null;
        foreach (var block in blocks)
        {
            if (block.IsHeading)
            {
                if (!titleTaken && block.Text == title)
                {
                    titleTaken = true;
                    continue;
                }

                var kind = KindOf(block.Text);
                if (kind is null)
                {
                    mappings.Add(new HeadingMapping(block.Text, null, current?.Kind));
                    continue;
                }

                var existing = sections.FindIndex(s => s.Kind == kind);
                current = existing >= 0 ? sections[existing] : (kind, block.Text, new List<string>());
                if (existing < 0)
                {
                    sections.Add(current.Value);
                }

                current.Value.Paragraphs.AddRange(pending);
                pending.Clear();
                mappings.Add(new HeadingMapping(block.Text, kind, null));
                continue;
            }

            if (!titleTaken && block.Text.Split('\n')[0] == title)
            {
                titleTaken = true;
                var rest = string.Join('\n', block.Text.Split('\n').Skip(1)).Trim();
                if (rest.Length == 0)
                {
                    continue;
                }

                block.Text = rest;
            }

            if (summary is null)
            {
                summary = Plain(block.Text);
                if (current is null)
                {
                    continue;
                }
            }

            if (current is null)
            {
                pending.Add(block.Text);
            }
            else
            {
                current.Value.Paragraphs.Add(block.Text);
            }
        }

        // Paragraphs under headings that never found a home go to the nearest section: the overview, else the first.
        if (pending.Count > 0)
        {
            var home = sections.FindIndex(s => s.Kind == SectionKinds.Overview);
            if (home < 0)
            {
                sections.Insert(0, (SectionKinds.Overview, "Overview", new List<string>()));
                home = 0;
            }

            sections[home].Paragraphs.InsertRange(0, pending);
        }

        var missing = SectionKinds.Required.Where(k => sections.All(s => s.Kind != k)).ToList();
        foreach (var kind in missing)
        {
            sections.Add((kind, DefaultHeading(kind), new List<string>()));
        }

        var ordered = sections.OrderBy(s => Array.IndexOf(SectionKinds.All.ToArray(), s.Kind)).ToList();
        var content = new ArticleContent(
            Clip(title, 200),
            Clip(summary ?? "", 1000),
            disclaimer,
            ordered.Select(s => new SectionContent(s.Kind, Clip(s.Heading, 200), Clip(string.Join("\n\n", s.Paragraphs), 20_000), [])).ToList(),
            []);
        return (content, new ImportReport(content.Title, content.Summary, mappings, missing, dropped));
    }

    private static string DefaultHeading(string kind) => kind switch
    {
        SectionKinds.Mechanism => "How it works",
        SectionKinds.WhatToExpect => "What to expect",
        _ => "Side effects",
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    private static string Plain(string markdown) => Regex.Replace(markdown, @"[*_`>#\[\]]", "").Replace('\n', ' ').Trim();

    private sealed class Block(string text, bool isHeading)
    {
        public string Text { get; set; } = text;

        public bool IsHeading { get; } = isHeading;
    }

    private static List<Block> Blocks(List<string> lines, bool markdown)
    {
        var blocks = new List<Block>();
        var paragraph = new List<string>();
        void Flush()
        {
            if (paragraph.Count > 0)
            {
                var text = string.Join('\n', paragraph).Trim();
                if (text.Length > 0)
                {
                    var single = paragraph.Count == 1;
                    blocks.Add(new Block(text, !markdown && single && LooksLikeHeading(text)));
                }

                paragraph.Clear();
            }
        }

        foreach (var line in lines)
        {
            var heading = markdown ? MarkdownHeading().Match(line) : Match.Empty;
            if (heading.Success)
            {
                Flush();
                blocks.Add(new Block(heading.Groups[1].Value.Trim().TrimEnd('#').Trim(), isHeading: true));
            }
            else if (line.Trim().Length == 0)
            {
                Flush();
            }
            else
            {
                paragraph.Add(line);
            }
        }

        Flush();
        return blocks;
    }

    /// <summary>Plain text: a short line standing alone, without closing punctuation (a question mark is allowed: question-style headings).</summary>
    private static bool LooksLikeHeading(string line) =>
        line.Length <= 90 && line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 12
        && !".,;:!".Contains(line[^1], StringComparison.Ordinal) && char.IsLetterOrDigit(line[0]);

    private static bool IsFurniture(string line)
    {
        var l = line.Trim().ToLowerInvariant();
        return l.Contains('©') || l.StartsWith("copyright", StringComparison.Ordinal) || l.Contains("all rights reserved", StringComparison.Ordinal)
               || l.StartsWith("follow us", StringComparison.Ordinal) || l.Contains("subscribe to our", StringComparison.Ordinal)
               || l.StartsWith("share this", StringComparison.Ordinal) || l.Contains("cookie", StringComparison.Ordinal)
               || l.StartsWith("call us", StringComparison.Ordinal) || Phone().IsMatch(l) || Email().IsMatch(l) || Street().IsMatch(l);
    }

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(.+)$")]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"(\+?\d[\d\s().-]{7,}\d)")]
    private static partial Regex Phone();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.]+")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\d+\s+[\w\s.]+\b(street|st|avenue|ave|road|rd|boulevard|blvd|suite|drive|dr|lane|ln)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Street();
}
