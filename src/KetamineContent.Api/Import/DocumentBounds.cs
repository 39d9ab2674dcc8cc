using System.IO.Compression;
using System.Xml;

namespace KetamineContent.Api.Import;

/// <summary>
/// Limits on a document's structure, checked by a cheap forward scan before any parser builds a tree: every XML part
/// of a Word file through an <see cref="XmlReader"/> with DTDs prohibited, and HTML through a tag scanner that keeps a
/// stack of open elements. A document over a limit is refused (400, the message names the limit); nothing that
/// recurses per level of the input ever sees a deeper document.
/// </summary>
public static class DocumentBounds
{
    /// <summary>The most a document may unpack to, all parts together (a Word article is a few hundred KiB).</summary>
    public const long MaxUnpackedBytes = 20 * 1024 * 1024;

    /// <summary>The most a part larger than 1 MiB may unpack to per packed byte (text compresses about 5:1; a zip bomb, 1000:1).</summary>
    public const long MaxCompressionRatio = 100;

    /// <summary>
    /// Refuses a document whose parts, as the zip's directory declares them, unpack too large or too compressed, or
    /// whose XML nests too deep or holds too many elements, before the SDK reads any.
    /// </summary>
    public static void CheckWord(Stream docx, CancellationToken ct)
    {
        using var zip = new ZipArchive(docx, ZipArchiveMode.Read, leaveOpen: true);
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            if (total > MaxUnpackedBytes)
            {
                throw new ImportUnreadableException($"The Word document unpacks to more than {MaxUnpackedBytes / (1024 * 1024)} MiB; an article is far smaller.");
            }

            if (entry.Length > 1024 * 1024 && entry.Length > MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
            {
                throw new ImportUnreadableException($"The Word document's part '{entry.FullName}' is compressed more than {MaxCompressionRatio}:1; it is refused as a likely zip bomb.");
            }
        }

        CheckWordXml(zip, ct);
    }

    /// <summary>The deepest nesting of XML elements in any part of a Word file (a real document nests about 10 deep, 30 with nested tables).</summary>
    public const int MaxWordDepth = 128;

    /// <summary>The most XML elements in all parts of a Word file together (a 100-page document holds about 200,000).</summary>
    public const int MaxWordElements = 1_000_000;

    /// <summary>The deepest nesting of open HTML elements (a saved web page nests 20 to 40 deep).</summary>
    public const int MaxHtmlDepth = 256;

    /// <summary>The most HTML elements in a page (a long saved article holds a few thousand).</summary>
    public const int MaxHtmlElements = 100_000;

    /// <summary>
    /// The most formatting elements (b, i, a, font ...) left open without their end tag: the parser re-opens every one of
    /// them in each later paragraph, so 200 of them over 50,000 paragraphs would build 10 million elements.
    /// </summary>
    public const int MaxHtmlUnclosedFormatting = 16;

    private static readonly HashSet<string> Formatting = new(StringComparer.Ordinal)
    {
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
    };

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen", "image",
    };

    /// <summary>Elements the parser closes by itself when a sibling opens (an unclosed &lt;p&gt; or &lt;li&gt; does not nest).</summary>
    private static readonly HashSet<string> SelfClosing = new(StringComparer.Ordinal)
    {
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rp", "rt", "html", "head", "body",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal) { "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext" };

    /// <summary>Scans every part of the package; XML parts (by name, or any part that reads as XML) must keep within the limits.</summary>
    private static void CheckWordXml(ZipArchive zip, CancellationToken ct)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true };
        long elements = 0;
        foreach (var entry in zip.Entries)
        {
            var xml = entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, settings);
            try
            {
                while (reader.Read())
                {
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    if (++elements % 4096 == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                    }

                    if (reader.Depth >= MaxWordDepth)
                    {
                        throw new ImportUnreadableException($"The Word document's part '{entry.FullName}' nests elements more than {MaxWordDepth} deep (the limit); a real document nests far less.");
                    }

                    if (elements > MaxWordElements)
                    {
                        throw new ImportUnreadableException($"The Word document holds more than {MaxWordElements:N0} XML elements (the limit); an article holds far fewer.");
                    }
                }
            }
            catch (XmlException) when (!xml)
            {
                // Not an XML part (an image, a font): the SDK does not parse it as XML either.
            }
            catch (XmlException ex)
            {
                throw new ImportUnreadableException($"The Word document's part '{entry.FullName}' is not well-formed XML (or holds a DTD, which is refused): {ex.Message}");
            }
        }
    }

    /// <summary>Counts start tags and tracks the open elements the way a parser nests them, without building anything.</summary>
    public static void CheckHtml(string html, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(html);
        var open = new List<string>();
        var unclosed = new Dictionary<string, int>(StringComparer.Ordinal);
        var foreign = 0;
        var elements = 0;
        for (var i = html.IndexOf('<', StringComparison.Ordinal); i >= 0 && i < html.Length - 1; i = html.IndexOf('<', i))
        {
            if (html.AsSpan(i).StartsWith("<!--"))
            {
                // "<!-->" and "<!--->" are whole (empty) comments in HTML, as the parser reads them.
                i = html.AsSpan(i).StartsWith("<!-->") ? i + 5 : html.AsSpan(i).StartsWith("<!--->") ? i + 6 : Skip(html, i + 4, "-->");
                continue;
            }

            var closing = html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var end = start;
            while (end < html.Length && (char.IsAsciiLetterOrDigit(html[end]) || html[end] is '-' or ':'))
            {
                end++;
            }

            if (end == start || !char.IsAsciiLetter(html[start]))
            {
                i = html[i + 1] is '!' or '?' ? Skip(html, i + 1, ">") : i + 1;
                continue;
            }

            var name = html[start..end].ToLowerInvariant();
            var tagEnd = TagEnd(html, end);
            i = tagEnd;
            if (Formatting.Contains(name))
            {
                unclosed[name] = Math.Max(0, unclosed.GetValueOrDefault(name) + (closing ? -1 : 1));
                if (unclosed.Values.Sum() > MaxHtmlUnclosedFormatting)
                {
                    throw new ImportUnreadableException($"The HTML page leaves more than {MaxHtmlUnclosedFormatting} formatting elements (b, i, a, font ...) open (the limit); the parser would repeat each in every later paragraph.");
                }
            }

            if (closing)
            {
                var at = open.LastIndexOf(name);
                for (var k = open.Count - 1; at >= 0 && k >= at; k--)
                {
                    foreign -= open[k] is "svg" or "math" ? 1 : 0;
                    open.RemoveAt(k);
                }

                continue;
            }

            if (++elements > MaxHtmlElements)
            {
                throw new ImportUnreadableException($"The HTML page holds more than {MaxHtmlElements:N0} elements (the limit); an article holds far fewer.");
            }

            if (elements % 4096 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            if (foreign == 0 && RawText.Contains(name)) // inside svg or math, style and title are ordinary elements
            {
                i = Skip(html, i, "</" + name);
                continue;
            }

            var selfClosed = foreign > 0 && tagEnd >= 2 && html[tagEnd - 2] == '/';
            if (Void.Contains(name) || SelfClosing.Contains(name) || selfClosed)
            {
                continue;
            }

            open.Add(name);
            foreign += name is "svg" or "math" ? 1 : 0;
            if (open.Count > MaxHtmlDepth)
            {
                throw new ImportUnreadableException($"The HTML page nests elements more than {MaxHtmlDepth} deep (the limit); a real page nests far less.");
            }
        }
    }

    /// <summary>Whether the character at <paramref name="at"/> follows an '=' (spaces between allowed) within the tag.</summary>
    private static bool AfterEquals(string html, int from, int at)
    {
        var j = at - 1;
        while (j >= from && char.IsWhiteSpace(html[j]))
        {
            j--;
        }

        return j >= from && html[j] == '=';
    }

    /// <summary>The index just past the tag's '&gt;', quotes in attribute values respected.</summary>
    private static int TagEnd(string html, int from)
    {
        char? quote = null;
        for (var i = from; i < html.Length; i++)
        {
            var ch = html[i];
            if (quote is not null)
            {
                quote = ch == quote ? null : quote;
            }
            else if (ch is '"' or '\'' && AfterEquals(html, from, i))
            {
                quote = ch; // a quoted attribute value; a quote anywhere else is an ordinary character
            }
            else if (ch == '>')
            {
                return i + 1;
            }
        }

        return html.Length;
    }

    private static int Skip(string html, int from, string until)
    {
        var at = html.IndexOf(until, from, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? html.Length : at + until.Length;
    }
}
