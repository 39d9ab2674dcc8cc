using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace KetamineContent.Api.Import;

/// <summary>
/// A saved HTML page, bounded first (<see cref="DocumentBounds.CheckHtml"/>), then parsed with AngleSharp: the content of
/// &lt;main&gt; (else &lt;article&gt;, else the body); page furniture (<see cref="HtmlFurniture.Is"/>) dropped, its text listed in
/// droppedLines; scripts and styles ignored;
/// headings, paragraphs, lists, links, emphasis and tables kept as Markdown; images listed.
/// </summary>
public static partial class HtmlSource
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "script", "style", "template", "head", "svg" };
    private static readonly HashSet<string> BlockLevel = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "main", "aside", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
        "figure", "figcaption", "pre", "hr", "br", "dl", "dt", "dd", "nav", "header", "footer", "form", "address", "details", "summary",
    };

    public static SourceDocument Read(string html, CancellationToken ct = default)
    {
        DocumentBounds.CheckHtml(html, ct);
        var document = new HtmlParser().ParseDocument(html);
        var reader = new Reader(ct);
        var body = document.Body;
        if (body is not null)
        {
            var container = document.QuerySelector("main") ?? document.QuerySelector("article") ?? body;
            if (container != body)
            {
                reader.DropOutside(body, container);
            }

            reader.Walk(container);
            reader.FlushLoose();
        }

        return new SourceDocument(reader.Blocks, reader.Dropped, reader.Images, [], document.Title);
    }

    private sealed class Reader(CancellationToken ct)
    {
        private readonly StringBuilder _loose = new();

        public List<SourceBlock> Blocks { get; } = [];

        public List<DroppedLine> Dropped { get; } = [];

        public List<ImportedImage> Images { get; } = [];

        /// <summary>Everything of the body outside the content container is page furniture.</summary>
        public void DropOutside(IElement node, IElement container)
        {
            foreach (var child in node.Children)
            {
                if (child == container)
                {
                    continue;
                }

                if (child.Contains(container))
                {
                    DropOutside(child, container);
                }
                else if (!Ignored.Contains(child.LocalName))
                {
                    Drop(child);
                }
            }
        }

        public void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is not IElement e)
                {
                    if (child.NodeType == NodeType.Text)
                    {
                        _loose.Append(Flat(child.TextContent));
                    }

                    continue;
                }

                var name = e.LocalName;
                if (Ignored.Contains(name) || e.GetAttribute("role") == "doc-backlink")
                {
                    continue;
                }

                ct.ThrowIfCancellationRequested();
                if (HtmlFurniture.Is(e))
                {
                    FlushLoose();
                    Drop(e);
                    continue;
                }

                switch (name)
                {
                    case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                        FlushLoose();
                        Add(SourceBlock.Heading(Inline(e), name[1] - '0'));
                        break;
                    case "p" or "figcaption" or "address" or "dt" or "dd" or "summary":
                        FlushLoose();
                        Paragraph(e);
                        break;
                    case "ul" or "ol":
                        FlushLoose();
                        Add(new SourceBlock(BlockKind.List, List(e, 0)));
                        break;
                    case "table":
                        FlushLoose();
                        Add(new SourceBlock(BlockKind.Table, Table(e)));
                        break;
                    case "blockquote":
                        FlushLoose();
                        Add(new SourceBlock(BlockKind.Quote, "> " + Inline(e)));
                        break;
                    case "pre":
                        FlushLoose();
                        Add(new SourceBlock(BlockKind.Paragraph, "```\n" + e.TextContent.Trim('\n') + "\n```"));
                        break;
                    case "img":
                        Image(e);
                        break;
                    case "br" or "hr":
                        FlushLoose();
                        break;
                    default:
                        if (BlockLevel.Contains(name))
                        {
                            FlushLoose();
                            Walk(e);
                            FlushLoose();
                        }
                        else
                        {
                            _loose.Append(Inline(e));
                        }

                        break;
                }
            }
        }

        public void FlushLoose()
        {
            var text = Collapse(_loose.ToString());
            _loose.Clear();
            if (text.Length > 0)
            {
                Add(SourceBlock.Paragraph(text));
            }
        }

        private void Paragraph(IElement e)
        {
            var text = Inline(e);
            var strong = e.Children.Length == 1 && e.Children[0].LocalName is "strong" or "b" && Collapse(e.TextContent) == Collapse(e.Children[0].TextContent);
            var plain = Collapse(e.TextContent);
            Add(strong && Shapes.LooksLikeHeading(plain) ? SourceBlock.Heading(plain, 0) : SourceBlock.Paragraph(text));
        }

        private void Add(SourceBlock block)
        {
            if (block.Markdown.Length == 0)
            {
                return;
            }

            if (Furniture.Sift(block, Dropped) is { } kept)
            {
                Blocks.Add(kept);
            }
        }

        /// <summary>The text of a dropped element, one line per block of it.</summary>
        private void Drop(IElement e)
        {
            var lines = new StringBuilder();
            Lines(e, lines);
            var reason = HtmlFurniture.Why(e);
            Dropped.AddRange(lines.ToString().Split('\n').Select(Collapse).Where(l => l.Length > 0).Select(l => new DroppedLine(l, reason)));
        }

        private static void Lines(INode node, StringBuilder into)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IElement e)
                {
                    if (Ignored.Contains(e.LocalName))
                    {
                        continue;
                    }

                    var block = BlockLevel.Contains(e.LocalName) || e.LocalName is "a" or "button" or "label";
                    into.Append(block ? "\n" : "");
                    Lines(e, into);
                    into.Append(block ? "\n" : "");
                }
                else if (child.NodeType == NodeType.Text)
                {
                    into.Append(child.TextContent);
                }
            }
        }

        private void Image(IElement e) => Images.Add(new ImportedImage(e.GetAttribute("src") ?? "", e.GetAttribute("alt")));

        private string Inline(INode node)
        {
            var text = new StringBuilder();
            foreach (var child in node.ChildNodes)
            {
                if (child is not IElement e)
                {
                    text.Append(child.NodeType == NodeType.Text ? Flat(child.TextContent) : "");
                    continue;
                }

                if (Ignored.Contains(e.LocalName) || e.GetAttribute("role") == "doc-backlink")
                {
                    continue;
                }

                var inner = Inline(e);
                text.Append(e.LocalName switch
                {
                    "strong" or "b" => Wrap(inner, "**"),
                    "em" or "i" => Wrap(inner, "*"),
                    "code" => Wrap(inner, "`"),
                    "a" when e.GetAttribute("href") is { } href && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                                                                    || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                                                                    || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                        => inner.Trim().Length == 0 ? inner : $"[{inner.Trim()}]({href})",
                    "img" => ImageInline(e),
                    "br" => "\n",
                    "ul" or "ol" => "\n" + List(e, 1),
                    _ => inner,
                });
            }

            return node is IElement { LocalName: "pre" } ? text.ToString() : Collapse(text.ToString());
        }

        private string ImageInline(IElement e)
        {
            Image(e);
            return "";
        }

        private string List(IElement list, int depth)
        {
            var lines = new List<string>();
            var n = 1;
            foreach (var item in list.Children.Where(c => c.LocalName == "li"))
            {
                var marker = list.LocalName == "ol" ? $"{n++}." : "-";
                lines.Add(new string(' ', depth * 2) + marker + " " + Inline(item).Trim());
            }

            return string.Join('\n', lines);
        }

        private string Table(IElement table) => Shapes.Table(table.QuerySelectorAll("tr")
            .Select(r => (IReadOnlyList<string>)r.Children.Where(c => c.LocalName is "td" or "th").Select(Inline).ToList()).ToList());

        private static string Wrap(string inner, string mark)
        {
            var trimmed = inner.Trim();
            if (trimmed.Length == 0)
            {
                return inner;
            }

            var lead = inner.Length - inner.TrimStart().Length > 0 ? " " : "";
            var trail = inner.Length - inner.TrimEnd().Length > 0 ? " " : "";
            return lead + mark + trimmed + mark + trail;
        }

        /// <summary>Source line breaks inside text are spaces (only &lt;br&gt; breaks a line).</summary>
        private static string Flat(string text) => text.Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ');

        private static string Collapse(string text) =>
            string.Join('\n', text.Split('\n').Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Where(l => l.Length > 0));
    }
}
