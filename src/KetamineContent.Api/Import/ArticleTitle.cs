using System.Text.RegularExpressions;

namespace KetamineContent.Api.Import;

/// <summary>Where an imported article's title comes from: a title line of the text, else the file's name, else the document's title. Never a sentence.</summary>
public static partial class ArticleTitle
{
    public const string Untitled = "Untitled article";

    /// <summary>
    /// The title line: a level-1 heading, else a heading-shaped first block, else a heading-shaped block among the first
    /// three that names no section. Without one: the file name, else the document's title (HTML &lt;title&gt;, Word's
    /// title property), else <see cref="Untitled"/>. <c>At</c> is the title line's block, or -1.
    /// </summary>
    public static (int At, string Title, string Source) Of(SourceDocument source, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(source);
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

        return at >= 0 ? (at, Shapes.Plain(blocks[at].Markdown), "heading")
            : FromFileName(fileName) is { } named ? (-1, named, "fileName")
            : !string.IsNullOrWhiteSpace(source.DocumentTitle) && source.DocumentTitle.Trim().Length <= 100 ? (-1, source.DocumentTitle.Trim(), "document")
            : (-1, Untitled, "none");
    }

    /// <summary>
    /// A title made of a file name: the extension and a leading number ("03-") left out, hyphens and underscores as
    /// spaces, the first letter capitalised: "ketamine-for-anxiety.docx" is "Ketamine for anxiety". Null without letters.
    /// </summary>
    public static string? FromFileName(string? fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName ?? ""));
        var words = Spaces().Replace(NotWord().Replace(Numbered().Replace(stem, ""), " "), " ").Trim();
        if (!words.Any(char.IsLetter))
        {
            return null;
        }

        var title = Shapes.Excerpt(words, 100).TrimEnd('…').Trim();
        return char.ToUpperInvariant(title[0]) + title[1..];
    }

    [GeneratedRegex(@"^\d{1,3}[-_. ]+(?=\p{L})")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"[^\p{L}\p{N}'’&()+,]+")]
    private static partial Regex NotWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
