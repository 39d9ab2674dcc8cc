using System.Globalization;
using System.Net;
using System.Text;

namespace KetamineContent.Api.Search;

/// <summary>
/// A search snippet as safe HTML: at most <see cref="MaxWords"/> words of the text that matched (the best section, else
/// the summary), around the most matches, with every word whose English stem is a word of the query in &lt;mark&gt;;
/// everything else HTML-escaped. Cut here rather than by PostgreSQL's ts_headline, which parses and stems the whole
/// text once per hit (about 75 µs for a section of 500 characters, most of a broad search's page); here PostgreSQL
/// stems only the page's few words that may match (<see cref="SearchSql.Stems"/>), in one call for the page.
/// </summary>
public static class Snippet
{
    public const int MaxWords = 35;

    /// <summary>Words shown before the first match of the window, when the text has them.</summary>
    private const int Lead = 5;

    /// <summary>The lexemes of a query, from PostgreSQL's querytree() text (for example <c>'side' &lt;-&gt; 'effect' | 'nausea'</c>).</summary>
    public static IReadOnlySet<string> Lexemes(string? queryTree)
    {
        var lexemes = new HashSet<string>(StringComparer.Ordinal);
        if (queryTree is null)
        {
            return lexemes;
        }

        for (var i = 0; i < queryTree.Length; i++)
        {
            if (queryTree[i] != '\'')
            {
                continue;
            }

            var lexeme = new StringBuilder();
            for (i++; i < queryTree.Length; i++)
            {
                if (queryTree[i] == '\'' && i + 1 < queryTree.Length && queryTree[i + 1] == '\'')
                {
                    lexeme.Append('\'');
                    i++;
                }
                else if (queryTree[i] == '\'')
                {
                    break;
                }
                else
                {
                    lexeme.Append(queryTree[i]);
                }
            }

            lexemes.Add(lexeme.ToString());
        }

        return lexemes;
    }

    /// <summary>At most this many distinct words of a page are stemmed (a hostile query of many one-letter words).</summary>
    public const int MaxCandidates = 1000;

    /// <summary>
    /// At most this many characters of the text are shown: escaped (at most 6 characters each, as &amp;#233;) and with 35
    /// marks, a snippet stays under its documented 4,000.
    /// </summary>
    public const int MaxChars = 560;

    /// <summary>A longer word is not stemmed (PostgreSQL does not index words over 2,047 bytes; such words are not prose).</summary>
    public const int MaxWordLength = 100;

    /// <summary>
    /// The lowercase words of a text that may stem to one of the lexemes. The English (Porter2) stemmer keeps a word's
    /// first letter (it changes the end; dying, lying and tying become die, lie and tie), so a word whose first letter
    /// starts no lexeme cannot stem to one; the rest are stemmed by PostgreSQL.
    /// </summary>
    public static IEnumerable<string> Candidates(string text, IReadOnlySet<string> lexemes)
    {
        ArgumentNullException.ThrowIfNull(lexemes);
        var firsts = lexemes.Where(l => l.Length > 0).Select(l => char.ToLowerInvariant(l[0])).ToHashSet();
        foreach (var (start, length) in Words(text))
        {
            if (length <= MaxWordLength && firsts.Contains(char.ToLowerInvariant(text[start])))
            {
                yield return text.Substring(start, length).ToLowerInvariant();
            }
        }
    }

    /// <summary>
    /// The snippet of <paramref name="text"/>. <paramref name="matches"/> says whether a lowercase word is a query word;
    /// <paramref name="tokens"/> are lexemes PostgreSQL keeps whole (0.5, mg/kg, an e-mail address), marked where the
    /// text has them between word boundaries.
    /// </summary>
    public static string ToHtml(string text, Func<string, bool> matches, IReadOnlyCollection<string>? tokens = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(matches);
        var words = Words(text).ToList();
        if (words.Count == 0)
        {
            return WebUtility.HtmlEncode(text[..Boundary(text, MaxChars)].Trim());
        }

        var hit = words.Select(w => matches(text.Substring(w.Start, w.Length).ToLowerInvariant())).ToList();
        var tokenSpans = TokenSpans(text, tokens ?? []).OrderBy(t => t.Start).ToList();
        var marked = new List<(int Start, int End)>(tokenSpans);
        for (int i = 0, t = 0; i < words.Count; i++)
        {
            // Both lists are in text order: one pass (the token spans reaching furthest so far cover a word, if any does).
            while (t < tokenSpans.Count && tokenSpans[t].End <= words[i].Start)
            {
                t++;
            }

            if (tokenSpans.Skip(t).TakeWhile(s => s.Start <= words[i].Start).Any(s => words[i].Start < s.End))
            {
                hit[i] = true;
            }
            else if (hit[i])
            {
                marked.Add((words[i].Start, words[i].Start + words[i].Length));
            }
        }

        var first = 0;
        if (words.Count > MaxWords)
        {
            // The window of MaxWords words holding the most matches, starting a few words before its first one.
            var best = -1;
            for (var m = 0; m < words.Count; m++)
            {
                if (!hit[m])
                {
                    continue;
                }

                var start = Math.Min(Math.Max(0, m - Lead), words.Count - MaxWords);
                var count = hit.Skip(start).Take(MaxWords).Count(h => h);
                if (count > best)
                {
                    (best, first) = (count, start);
                }
            }
        }

        // The first match of the window stays inside the characters shown, whatever runs of punctuation come before it.
        var anchor = Enumerable.Range(first, Math.Min(MaxWords, words.Count - first)).FirstOrDefault(i => hit[i], first);
        if (words[anchor].Start + words[anchor].Length - words[first].Start > MaxChars)
        {
            first = anchor;
        }

        var last = Math.Min(words.Count, first + MaxWords) - 1;
        var from = first == 0 && words[0].Start <= Lead * 8 ? 0 : words[first].Start;
        while (last > first && words[last].Start + words[last].Length - from > MaxChars)
        {
            last--;
        }

        var to = last == words.Count - 1 ? text.Length : EndOfPunctuation(text, words[last].Start + words[last].Length);
        to = Math.Min(to, Boundary(text, from + MaxChars));
        var html = new StringBuilder(to - from + 32);
        var at = from;
        foreach (var (start, end) in marked.Where(m => m.Start >= from && m.Start < to).OrderBy(m => m.Start))
        {
            var stop = Math.Min(end, to);
            if (start < at)
            {
                continue; // inside a token already marked
            }

            html.Append(WebUtility.HtmlEncode(text[at..start])).Append("<mark>").Append(WebUtility.HtmlEncode(text[start..stop])).Append("</mark>");
            at = stop;
        }

        return html.Append(WebUtility.HtmlEncode(text[at..to])).ToString().Trim();
    }

    /// <summary>Where the text holds one of the tokens (any case) with no letter or digit right before or after it.</summary>
    private static List<(int Start, int End)> TokenSpans(string text, IEnumerable<string> tokens)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var token in tokens.Where(t => t.Length > 0))
        {
            for (var at = text.IndexOf(token, StringComparison.OrdinalIgnoreCase); at >= 0 && spans.Count < MaxCandidates;
                 at = text.IndexOf(token, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + token.Length;
                if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
                {
                    spans.Add((at, end));
                }
            }
        }

        return spans;
    }

    /// <summary>
    /// Words as PostgreSQL's parser splits them for stemming: runs of letters, digits and combining marks (a letter
    /// outside the Basic Multilingual Plane too; an emoji is not one). Tokens the parser keeps whole (0.5, mg/kg, an
    /// e-mail address) are marked by <see cref="TokenSpans"/>.
    /// </summary>
    private static IEnumerable<(int Start, int Length)> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || AstralLetter(text, i) ||
                                             CharUnicodeInfo.GetUnicodeCategory(text[i]) is UnicodeCategory.NonSpacingMark
                                                 or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }

    /// <summary>The end of the punctuation that closes a word (a full stop, a bracket), up to the next space.</summary>
    private static int EndOfPunctuation(string text, int at)
    {
        while (at < text.Length && !char.IsWhiteSpace(text[at]) && !char.IsLetterOrDigit(text[at]))
        {
            at++;
        }

        return at;
    }

    /// <summary><paramref name="at"/>, or one less when it would split a surrogate pair; never past the end.</summary>
    private static int Boundary(string text, int at)
    {
        if (at >= text.Length)
        {
            return text.Length;
        }

        return at > 0 && char.IsHighSurrogate(text[at - 1]) ? at - 1 : at;
    }

    /// <summary>Whether the character at <paramref name="at"/> is half of a surrogate pair that is a letter or digit.</summary>
    private static bool AstralLetter(string text, int at) =>
        char.IsHighSurrogate(text[at]) ? at + 1 < text.Length && char.IsSurrogatePair(text[at], text[at + 1]) && char.IsLetterOrDigit(text, at)
        : char.IsLowSurrogate(text[at]) && at > 0 && char.IsSurrogatePair(text[at - 1], text[at]) && char.IsLetterOrDigit(text, at - 1);
}
