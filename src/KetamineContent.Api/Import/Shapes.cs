using System.Text.RegularExpressions;

namespace KetamineContent.Api.Import;

/// <summary>Shape rules shared by every reader.</summary>
public static partial class Shapes
{
    /// <summary>
    /// A line that can be a heading by its shape: short (at most 100 characters and 14 words), starting with a letter, not
    /// ending like a sentence (a question mark is allowed: question headings), and one sentence at most.
    /// </summary>
    public static bool LooksLikeHeading(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var l = line.Trim();
        return l.Length is > 0 and <= 100 && l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 14
               && char.IsLetter(l[0]) && !".,;:!…".Contains(l[^1], StringComparison.Ordinal) && !SentenceInside().IsMatch(l);
    }

    /// <summary>Markdown as plain text: emphasis and code marks removed, links reduced to their text.</summary>
    public static string Plain(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = Link().Replace(markdown, "$1");
        return Spaces().Replace(Marks().Replace(text, ""), " ").Trim();
    }

    /// <summary>At most <paramref name="max"/> characters, cut at a word boundary.</summary>
    public static string Excerpt(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 2 ? cut : max - 1)].TrimEnd() + "…";
    }

    /// <summary>Rows of cells as a Markdown pipe table, the first row as its header.</summary>
    public static string Table(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        static string Cell(string c) => c.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ').Trim();
        var lines = rows.Where(r => r.Count > 0).Select(r => "| " + string.Join(" | ", r.Select(Cell)) + " |").ToList();
        if (lines.Count > 0)
        {
            lines.Insert(1, "|" + string.Concat(rows.First(r => r.Count > 0).Select(_ => " --- |")));
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"[.!?]\s+[A-Z]")]
    private static partial Regex SentenceInside();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`)")]
    private static partial Regex Marks();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
