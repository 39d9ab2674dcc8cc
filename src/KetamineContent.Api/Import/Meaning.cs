using System.Text.RegularExpressions;
using KetamineContent.Api.Content;

namespace KetamineContent.Api.Import;

/// <summary>How strongly a text speaks of one section kind, and the words of it that said so.</summary>
public sealed record KindScore(string Kind, int Score, IReadOnlyList<string> Words);

/// <summary>The kinds a text speaks of, best first: a kind is decided when it scores at least 2 and more than the runner-up.</summary>
public sealed record MeaningScore(IReadOnlyList<KindScore> Ranked)
{
    public KindScore? Top => Ranked.Count > 0 ? Ranked[0] : null;

    public KindScore? RunnerUp => Ranked.Count > 1 ? Ranked[1] : null;

    public string? Decided => Top is { Score: >= 2 } top && top.Score > (RunnerUp?.Score ?? 0) ? top.Kind : null;
}

/// <summary>
/// A transparent scoring of words and phrases by section kind, shared by headings and paragraphs. A cue word matches the
/// same word or its plural; a cue word ending in '*' matches any word it begins. Longer phrases are matched first and a
/// word counts once. Weights: 3 names the section outright, 2 is a strong sign, 1 a hint.
/// </summary>
public static partial class Meaning
{
    private static readonly (string Kind, (string Cue, int Weight)[] Cues)[] Lexicon =
    [
        (SectionKinds.Mechanism, [
            ("how it works", 3), ("how ketamine works", 3), ("how does ketamine work", 3), ("how does it work", 3), ("work in the brain", 3),
            ("how ketamine helps", 3), ("mechanism*", 3), ("the science", 2), ("in the brain", 2), ("nmda", 2), ("glutamate", 2), ("ampa", 2),
            ("gaba", 2), ("bdnf", 2), ("neurotrophic", 2), ("mtor", 2), ("receptor*", 2), ("neurotransmitter*", 2), ("neuroplasticity", 2),
            ("neural pathway*", 2), ("new connections", 2), ("pathway*", 1), ("neuron*", 1), ("synap*", 1), ("sigma", 1), ("signalling", 1),
            ("signaling", 1), ("brain", 1), ("blocks", 1), ("reward", 1), ("circuit*", 1), ("serotonin", 1), ("plasticity", 1), ("reset", 1),
        ]),
        (SectionKinds.WhatToExpect, [
            ("what to expect", 3), ("what happens", 3), ("treatment process", 3), ("the process", 2), ("during treatment", 2),
            ("during a session", 3), ("first session", 2), ("expect*", 2), ("session*", 2), ("onset", 2), ("within minutes", 2), ("dreamlike", 2),
            ("infusion*", 1), ("intranasal", 1), ("nasal spray", 1), ("tablet*", 1), ("lozenge*", 1), ("minutes", 1), ("hour", 1), ("weeks", 1),
            ("months", 1), ("maintenance", 1), ("course", 1), ("feel*", 1), ("felt", 1), ("respond*", 1), ("response", 1), ("improve*", 1),
            ("monitor*", 1), ("afterwards", 1), ("perspective", 1), ("shift", 1), ("mood", 1), ("clinic", 1), ("benefit*", 2),
        ]),
        (SectionKinds.SideEffects, [
            ("side effect*", 3), ("adverse", 3), ("is it safe", 3), ("how safe", 3), ("safety", 2), ("safe", 1), ("nausea", 2), ("dizz*", 2),
            ("confusion", 2), ("hallucination*", 2), ("delusion*", 2), ("vomit*", 2), ("headache*", 2), ("drowsi*", 2), ("blood pressure", 2),
            ("heart rate", 1), ("distressing", 1), ("unpleasant", 1), ("dissociation", 1), ("dissociative", 1), ("hallucinogen*", 2), ("medicines", 1), ("interaction*", 1),
        ]),
        (SectionKinds.Risks, [
            ("addiction risk", 3), ("risk of dependence", 3), ("dependence", 3), ("misuse", 3), ("tolerance", 3), ("addictive", 2),
            ("risk*", 2), ("abuse", 2), ("overdose", 2), ("long term", 2), ("unknown", 2), ("recreational", 2), ("reliance", 2), ("habit", 2),
            ("unsupervised", 2), ("without supervision", 2), ("controlled substance", 2), ("schedule iii", 2), ("predisposition", 2),
            ("euphori*", 1), ("high", 1), ("heavy use", 2), ("prolonged", 1), ("withdrawal", 1), ("insomnia", 1), ("dangers", 2), ("danger", 2),
        ]),
        (SectionKinds.Alternatives, [
            ("other treatment*", 3), ("alternative*", 3), ("other options", 3), ("treatment options", 2), ("traditional treatment*", 3),
            ("conventional", 2), ("medication assisted", 2), ("methadone", 2), ("buprenorphine", 2), ("benzodiazepine*", 2),
            ("cognitive behavioural", 2), ("cognitive behavioral", 2), ("motivational interviewing", 2), ("exposure therapy", 2),
            ("talk therapy", 2), ("psychotherapy", 1), ("instead", 1), ("time consuming", 1), ("antidepressants", 1), ("therapies", 1),
        ]),
        (SectionKinds.Evidence, [
            ("what the science says", 3), ("evidence", 3), ("study", 3), ("studies", 3), ("studied", 2), ("trial*", 3), ("research*", 2),
            ("randomi*", 2), ("placebo", 2), ("participants", 2), ("meta analysis", 3), ("findings", 2), ("found that", 2), ("reported", 1),
            ("percent", 1), ("journal*", 2), ("data", 1), ("results", 1), ("point to", 1),
        ]),
        (SectionKinds.Overview, [
            ("overview", 3), ("introduction", 3), ("understanding", 2), ("what is", 2), ("background", 2), ("in this article", 3),
            ("this article", 2), ("this guide", 2), ("anaesthetic", 2), ("anesthetic", 2), ("decades", 1), ("about", 1), ("used for", 1),
            ("condition", 1), ("symptoms", 1), ("affects", 1), ("explained", 1),
        ]),
        (SectionKinds.Conclusion, [
            ("conclusion*", 3), ("in summary", 3), ("to sum up", 3), ("bottom line", 3), ("final thought*", 3), ("takeaway*", 3),
            ("key points", 2), ("summary", 2), ("right for you", 3), ("talk to your doctor", 3), ("speak with", 2), ("your doctor", 2),
            ("if you are considering", 3), ("not a cure", 2), ("next step*", 2), ("in short", 2), ("overall", 2), ("consider*", 1),
        ]),
    ];

    /// <summary>The cues of every kind, tokenised once, longest phrase first.</summary>
    private static readonly (string Kind, string[] Words, int Weight)[] Cues = Lexicon
        .SelectMany(k => k.Cues.Select(c => (k.Kind, CueWord().Matches(c.Cue).Select(m => m.Value).ToArray(), c.Weight)))
        .OrderByDescending(c => c.Item2.Length).ThenByDescending(c => c.Weight).ToArray();

    public static MeaningScore Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokens(text).ToArray();
        var used = new bool[tokens.Length];
        var scores = new Dictionary<string, (int Score, List<string> Words)>(StringComparer.Ordinal);
        foreach (var (kind, words, weight) in Cues)
        {
            for (var i = 0; i + words.Length <= tokens.Length; i++)
            {
                if (!Matches(words, tokens, used, i))
                {
                    continue;
                }

                for (var j = 0; j < words.Length; j++)
                {
                    used[i + j] = true;
                }

                var entry = scores.TryGetValue(kind, out var e) ? e : (0, new List<string>());
                var said = string.Join(' ', tokens[i..(i + words.Length)]);
                if (!entry.Item2.Contains(said))
                {
                    entry.Item2.Add(said);
                }

                scores[kind] = (entry.Item1 + weight, entry.Item2);
            }
        }

        return new MeaningScore(scores
            .Select(s => new KindScore(s.Key, s.Value.Score, s.Value.Words))
            .OrderByDescending(s => s.Score).ThenBy(s => SectionKinds.All.ToList().IndexOf(s.Kind)).ToList());
    }

    private static bool Matches(string[] cue, string[] tokens, bool[] used, int at)
    {
        for (var j = 0; j < cue.Length; j++)
        {
            var token = tokens[at + j];
            var word = cue[j];
            var ok = !used[at + j] && (word.EndsWith('*')
                ? token.StartsWith(word[..^1], StringComparison.Ordinal)
                : token == word || token == word + "s" || token == word + "es");
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lower-case words of letters and digits (hyphens and apostrophes split words, so 'side-effects' is 'side effects').</summary>
    public static IEnumerable<string> Tokens(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"[\p{L}\p{N}]+\*?")]
    private static partial Regex CueWord();
}
