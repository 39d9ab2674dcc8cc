using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using KetamineContent.Api.Content;

namespace KetamineContent.Api.Import;

/// <summary>
/// A Word document (.docx), read with the Open XML SDK: Title and Heading 1..6 styles (or outline levels), or bold short
/// paragraphs, become headings; numbered and bulleted lists, bold, italic and links are kept as Markdown; a footnote that
/// looks like a citation becomes a reference ([n] in the text, cited by its section), any other footnote stays in the
/// text in parentheses; tables become Markdown tables; images are listed.
/// </summary>
public static partial class WordSource
{
    public static SourceDocument Read(Stream docx, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(docx);
        DocumentBounds.CheckWord(docx, ct);
        docx.Position = 0;
        using var word = WordprocessingDocument.Open(docx, false, new OpenSettings { MaxCharactersInPart = DocumentBounds.MaxUnpackedBytes });
        var main = word.MainDocumentPart ?? throw new InvalidDataException("The document has no main part.");
        var reader = new Reader(main);
        foreach (var element in main.Document?.Body?.Elements() ?? [])
        {
            ct.ThrowIfCancellationRequested();
            reader.Block(element);
            reader.ReadBoxes(ct);
        }

        reader.FlushList();
        return new SourceDocument(reader.Blocks, reader.Dropped, reader.Images, reader.References, word.PackageProperties.Title);
    }

    private sealed partial class Reader(MainDocumentPart main)
    {
        private readonly Dictionary<string, Style> _styles = (main.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [])
            .Where(s => s.StyleId?.Value is not null).GroupBy(s => s.StyleId!.Value!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        private readonly Dictionary<long, string> _footnotes = Notes(main.FootnotesPart?.Footnotes?.Elements<Footnote>());

        private readonly Dictionary<long, string> _endnotes = Notes(main.EndnotesPart?.Endnotes?.Elements<Endnote>());

        /// <summary>Footnotes or endnotes by id (ids 0 and -1 are Word's separators), each the text of its paragraphs.</summary>
        private static Dictionary<long, string> Notes(IEnumerable<FootnoteEndnoteType>? notes) => (notes ?? [])
            .Where(f => f.Id?.Value is > 0).GroupBy(f => f.Id!.Value)
            .ToDictionary(g => g.Key, g => string.Join(' ', g.First().Elements<Paragraph>().Select(p => p.InnerText.Trim())).Trim());

        /// <summary>The text of the footnote or endnote a reference points to ("" when there is none).</summary>
        private string Note(OpenXmlElement reference) => reference switch
        {
            FootnoteReference { Id.Value: { } id } when _footnotes.TryGetValue(id, out var note) => note,
            EndnoteReference { Id.Value: { } id } when _endnotes.TryGetValue(id, out var note) => note,
            _ => "",
        };

        private readonly List<string> _list = [];
        private readonly HashSet<int> _listCites = [];
        private readonly Dictionary<(int, int), int> _counters = [];

        public List<SourceBlock> Blocks { get; } = [];

        public List<DroppedLine> Dropped { get; } = [];

        public List<ImportedImage> Images { get; } = [];

        public List<ReferenceContent> References { get; } = [];

        public void Block(OpenXmlElement element)
        {
            switch (element)
            {
                case Paragraph p:
                    Paragraph(p);
                    break;
                case Table t:
                    FlushList();
                    Add(new SourceBlock(BlockKind.Table, Table(t, out var cites), 0, cites));
                    break;
                case SdtBlock sdt:
                    foreach (var inner in sdt.SdtContentBlock?.Elements() ?? [])
                    {
                        Block(inner);
                    }

                    break;
            }
        }

        private void Paragraph(Paragraph p)
        {
            var cites = new HashSet<int>();
            var segments = new List<Segment>();
            Segments(p, segments, cites, null);
            var text = Render(segments).Trim();
            var plain = string.Concat(segments.Select(s => s.Text)).Trim();
            if (plain.Length == 0)
            {
                return;
            }

            var level = HeadingLevel(p);
            var numbering = p.ParagraphProperties?.NumberingProperties;
            var numId = numbering?.NumberingId?.Val?.Value ?? 0;
            if (level == 0 && numId != 0)
            {
                var ilvl = numbering!.NumberingLevelReference?.Val?.Value ?? 0;
                var key = (numId, ilvl);
                _counters[key] = _counters.GetValueOrDefault(key) + 1;
                _list.Add(new string(' ', ilvl * 2) + (IsBullet(numId, ilvl) ? "-" : $"{_counters[key]}.") + " " + text);
                _listCites.UnionWith(cites);
                return;
            }

            FlushList();
            var bold = segments.Where(s => s.Text.Trim().Length > 0).All(s => s.Bold);
            Add(level > 0 ? SourceBlock.Heading(plain, level)
                : bold && Shapes.LooksLikeHeading(plain) ? SourceBlock.Heading(plain, 0)
                : SourceBlock.Paragraph(text, [.. cites]));
        }

        public void FlushList()
        {
            if (_list.Count > 0)
            {
                Add(new SourceBlock(BlockKind.List, string.Join('\n', _list), 0, [.. _listCites]));
                _list.Clear();
                _listCites.Clear();
            }
        }

        private void Add(SourceBlock block)
        {
            if (Furniture.Sift(block, Dropped) is { } kept)
            {
                Blocks.Add(kept);
            }
        }

        private sealed record Segment(string Text, bool Bold, bool Italic, string? Link, bool Raw = false);

        /// <summary>The runs under <paramref name="root"/> in document order, walked with a stack of our own (the document's depth is never the call stack's).</summary>
        private void Segments(OpenXmlElement root, List<Segment> into, HashSet<int> cites, string? link)
        {
            var stack = new Stack<(OpenXmlElement Element, string? Link)>();
            Push(stack, root, link);
            while (stack.TryPop(out var item))
            {
                switch (item.Element)
                {
                    case Run run:
                        Run(run, into, cites, item.Link);
                        break;
                    case Hyperlink h:
                        var uri = h.Id?.Value is { } id ? main.HyperlinkRelationships.FirstOrDefault(r => r.Id == id)?.Uri : null;
                        Push(stack, h, uri is { IsAbsoluteUri: true } && uri.Scheme is "http" or "https" or "mailto" ? uri.ToString() : null);
                        break;
                    case ParagraphProperties or DeletedRun:
                        break;
                    default:
                        Push(stack, item.Element, item.Link);
                        break;
                }
            }
        }

        private static void Push(Stack<(OpenXmlElement, string?)> stack, OpenXmlElement parent, string? link)
        {
            for (var child = parent.LastChild; child is not null; child = child.PreviousSibling())
            {
                stack.Push((child, link));
            }
        }

        private void Run(Run run, List<Segment> into, HashSet<int> cites, string? link)
        {
            var props = run.RunProperties;
            var bold = props?.Bold is { } b && (b.Val is null || b.Val.Value);
            var italic = props?.Italic is { } i && (i.Val is null || i.Val.Value);
            foreach (var part in run.ChildElements)
            {
                switch (part)
                {
                    case Text t:
                        into.Add(new Segment(t.Text, bold, italic, link));
                        break;
                    case TabChar:
                        into.Add(new Segment(" ", bold, italic, link));
                        break;
                    case Break or CarriageReturn:
                        into.Add(new Segment("\n", false, false, null, Raw: true));
                        break;
                    case FootnoteReference or EndnoteReference when Note(part) is { Length: > 0 } note:
                        into.Add(new Segment(Footnote(note, cites), false, false, null, Raw: true));
                        break;
                    case Drawing d:
                        Drawing(d);
                        break;
                    case AlternateContent ac:
                        // One branch only (Word writes the same box twice: the drawing, and a VML fallback).
                        var branch = ac.ChildElements.FirstOrDefault(c => c is AlternateContentChoice) ?? ac.ChildElements.FirstOrDefault(c => c is AlternateContentFallback);
                        if (branch is not null)
                        {
                            Drawing(branch);
                        }

                        break;
                    case Picture pict:
                        QueueBoxes(pict);
                        break;
                }
            }
        }

        private string Footnote(string note, HashSet<int> cites)
        {
            if (Citations.From(note) is not { } reference)
            {
                return $" ({note})";
            }

            var at = References.FindIndex(r => r.Title == reference.Title);
            if (at < 0)
            {
                References.Add(reference with { Id = ReferenceContent.PositionalId(References.Count + 1) });
                at = References.Count - 1;
            }

            cites.Add(at + 1);
            return $"[^{References[at].Id}]";
        }

        private static string Render(List<Segment> segments)
        {
            var text = new StringBuilder();
            for (var i = 0; i < segments.Count;)
            {
                var s = segments[i];
                var run = new StringBuilder(s.Text);
                var j = i + 1;
                while (!s.Raw && j < segments.Count && !segments[j].Raw && (segments[j] with { Text = s.Text }) == s)
                {
                    run.Append(segments[j++].Text);
                }

                var chunk = run.ToString();
                if (!s.Raw && chunk.Trim().Length > 0)
                {
                    chunk = s.Link is null ? chunk : Keep(chunk, $"[{chunk.Trim()}]({s.Link})");
                    chunk = s.Italic ? Keep(chunk, "*" + chunk.Trim() + "*") : chunk;
                    chunk = s.Bold ? Keep(chunk, "**" + chunk.Trim() + "**") : chunk;
                }

                text.Append(chunk);
                i = j;
            }

            return text.ToString();
        }

        /// <summary>The marked-up text with the spaces around the original kept outside the marks.</summary>
        private static string Keep(string original, string marked) =>
            (original.Length > original.TrimStart().Length ? " " : "") + marked + (original.Length > original.TrimEnd().Length ? " " : "");

        private int HeadingLevel(Paragraph p)
        {
            var id = p.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
            for (var depth = 0; id is not null && depth < 8; depth++)
            {
                if (!_styles.TryGetValue(id, out var style))
                {
                    return LevelOfName(id);
                }

                var name = style.StyleName?.Val?.Value ?? id;
                if (LevelOfName(name) is > 0 and var level)
                {
                    return level;
                }

                if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline < 6)
                {
                    return outline + 1;
                }

                id = style.BasedOn?.Val?.Value;
            }

            return p.ParagraphProperties?.OutlineLevel?.Val?.Value is { } o && o < 6 ? o + 1 : 0;
        }

        private static int LevelOfName(string name)
        {
            var n = name.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
            return n == "title" ? 1 : n.StartsWith("heading", StringComparison.Ordinal) && n.Length == 8 && char.IsAsciiDigit(n[7]) ? n[7] - '0' : 0;
        }

        private bool IsBullet(int numId, int ilvl)
        {
            var numbering = main.NumberingDefinitionsPart?.Numbering;
            var instance = numbering?.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId);
            var abstractId = instance?.AbstractNumId?.Val?.Value;
            var level = numbering?.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId)?
                .Elements<Level>().FirstOrDefault(l => l.LevelIndex?.Value == ilvl);
            return level?.NumberingFormat?.Val is null || level.NumberingFormat.Val.Value == NumberFormatValues.Bullet;
        }

        private string Table(Table table, out IReadOnlyList<int> cites)
        {
            var found = new HashSet<int>();
            var rows = table.Elements<TableRow>().Select(r => (IReadOnlyList<string>)r.Elements<TableCell>().Select(c =>
            {
                var segments = new List<Segment>();
                Segments(c, segments, found, null);
                return Render(segments);
            }).ToList()).ToList();
            cites = [.. found];
            return Shapes.Table(rows);
        }
    }
}
