using System.Text.RegularExpressions;
using KetamineContent.Api.Delivery;

namespace KetamineContent.Api.Trust;

/// <summary>
/// Plain-language scores of English text (the Markdown is read as plain text first, so links, emphasis and citation markers do not count).
/// <list type="bullet">
/// <item>A word is a run of letters or digits, with inner apostrophes or hyphens ("well-known", "don't": one word).</item>
/// <item>A sentence ends at '.', '!' or '?' (a run counts once) followed by a space or the end, and at every line break
/// (headings, list items and paragraphs end a sentence even without a full stop). A line with no word is no sentence.</item>
/// <item>Syllables: the groups of vowels (a e i o u, and y after the first letter), after dropping a silent final "e"
/// (not the "le" of "table"), a final "es" after a consonant other than c, g, s, x, z or h, and a final "ed" after a
/// consonant other than d or t; at least one per word; words of three letters or fewer, and numbers, count one.</item>
/// <item>Long words: three syllables or more (the "complex words" of the Gunning fog index).</item>
/// <item>Flesch reading ease = 206.835 - 1.015 (words / sentences) - 84.6 (syllables / words);
/// Flesch-Kincaid grade = 0.39 (words / sentences) + 11.8 (syllables / words) - 15.59.</item>
/// </list>
/// </summary>
public static partial class Readability
{
    /// <summary>The scores of an article (all section bodies together) and of each section; null when the article is not in English.</summary>
    public static ArticleReadability? Of(ArticleDocument article)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (!IsEnglish(article.Locale))
        {
            return null;
        }

        var sections = article.Sections.Select(s => (s.Kind, Counts: Count(PlainText(s.Body)))).ToList();
        var total = sections.Aggregate(TextCounts.Zero, (sum, s) => sum + s.Counts);
        return new ArticleReadability(total.ToScores(), sections.Select(s => new SectionReadability(s.Kind, s.Counts.ToScores())).ToList());
    }

    /// <summary>What is scored of a Markdown body: the text readers read, without citation markers (a number is no word, and "fast.[^a]" ends a sentence).</summary>
    public static string PlainText(string markdown) => MarkdownRenderer.ToText(CitationMarkers.Strip(markdown));

    public static bool IsEnglish(string locale) =>
        locale == "en" || locale.StartsWith("en-", StringComparison.Ordinal);

    /// <summary>The counts of plain text.</summary>
    public static TextCounts Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = TextCounts.Zero;
        foreach (var line in text.Split('\n'))
        {
            foreach (var sentence in SentenceEnd().Split(line))
            {
                var words = Word().Matches(sentence).Select(m => m.Value).ToList();
                if (words.Count == 0)
                {
                    continue;
                }

                var syllables = words.Select(Syllables).ToList();
                counts += new TextCounts(words.Count, 1, syllables.Sum(), syllables.Count(s => s >= 3));
            }
        }

        return counts;
    }

    public static int Syllables(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var w = new string(word.ToLowerInvariant().Where(ch => ch is >= 'a' and <= 'z').ToArray());
        if (w.Length <= 3)
        {
            return 1;
        }

        w = SilentEnding().Replace(w, "");
        var groups = 0;
        for (var i = 0; i < w.Length; i++)
        {
            if (IsVowel(w, i) && (i == 0 || !IsVowel(w, i - 1)))
            {
                groups++;
            }
        }

        return Math.Max(1, groups);
    }

    [GeneratedRegex(@"[.!?]+(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    /// <summary>A silent final "e" (not "le" after a consonant), "es" after most consonants, "ed" after a consonant but d or t.</summary>
    [GeneratedRegex("(?:(?<=[^aeiouy])(?<![^aeiouy]l)e|(?<=[^aeiouycgsxzh])es|(?<=[^aeiouydt])ed)$", RegexOptions.CultureInvariant)]
    private static partial Regex SilentEnding();

    /// <summary>a e i o u, and y except at the start of the word ("years", "you").</summary>
    private static bool IsVowel(string w, int i) => w[i] is 'a' or 'e' or 'i' or 'o' or 'u' || (w[i] == 'y' && i > 0);
}

/// <summary>Words, sentences, syllables and long words of a text; they add up across sections.</summary>
public readonly record struct TextCounts(int Words, int Sentences, int Syllables, int LongWords)
{
    public static TextCounts Zero => default;

    public static TextCounts operator +(TextCounts a, TextCounts b) =>
        new(a.Words + b.Words, a.Sentences + b.Sentences, a.Syllables + b.Syllables, a.LongWords + b.LongWords);

    public ReadabilityScores ToScores()
    {
        if (Words == 0)
        {
            return new ReadabilityScores(0, 0, 0, 0, null, null, null);
        }

        var perSentence = (double)Words / Sentences;
        var perWord = (double)Syllables / Words;
        return new ReadabilityScores(Words, Sentences, Syllables, LongWords,
            Math.Round((double)LongWords / Words, 3, MidpointRounding.AwayFromZero),
            Math.Round(206.835 - (1.015 * perSentence) - (84.6 * perWord), 1, MidpointRounding.AwayFromZero),
            Math.Round((0.39 * perSentence) + (11.8 * perWord) - 15.59, 1, MidpointRounding.AwayFromZero));
    }
}

/// <summary>
/// Plain-language scores: <c>longWordShare</c> is long words (three syllables or more) / words; <c>fleschReadingEase</c>
/// (higher is easier; 60 to 70 is plain English) and <c>fleschKincaidGrade</c> (a US school grade) are rounded to one
/// decimal. The three are null for a text without words.
/// </summary>
public sealed record ReadabilityScores(int Words, int Sentences, int Syllables, int LongWords, double? LongWordShare, double? FleschReadingEase, double? FleschKincaidGrade);

public sealed record SectionReadability(string Kind, ReadabilityScores Scores);

/// <summary>The scores of the whole article (every section body) and of each section, in order.</summary>
public sealed record ArticleReadability(ReadabilityScores Article, IReadOnlyList<SectionReadability> Sections);
