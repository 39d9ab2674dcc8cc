using System.Text.RegularExpressions;

namespace KetamineContent.Api.Trust;

/// <summary>Citations in Markdown: <c>[^id]</c> where id is a reference's id (lowercase letters, digits, single hyphens).</summary>
public static partial class CitationMarkers
{
    /// <summary>The label of every marker in a body, in order of first use, each once.</summary>
    public static IReadOnlyList<string> Labels(string? body) =>
        string.IsNullOrEmpty(body) ? [] : Marker().Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The positions (1-based) a section cites, as its revision stores them: its markers that name one of the references, in
    /// order of first use, then the positions it lists in <c>Cites</c>. A marker naming no reference is left out (publishing refuses it).
    /// </summary>
    public static IReadOnlyList<int> Positions(Content.SectionContent section, IReadOnlyList<Content.ReferenceContent> references)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(references);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < references.Count; i++)
        {
            positions.TryAdd(references[i].Id, i + 1);
        }

        return Labels(section.Body).Where(positions.ContainsKey).Select(id => positions[id]).Concat(section.Cites ?? []).Distinct().ToList();
    }

    /// <summary>The body with every marker whose label has a number replaced by <paramref name="replace"/>(id, number); others stay as written.</summary>
    public static string Replace(string body, IReadOnlyDictionary<string, int> numbers, Func<string, int, string> replace)
    {
        ArgumentNullException.ThrowIfNull(replace);
        return Marker().Replace(body, m => numbers.TryGetValue(m.Groups[1].Value, out var n) ? replace(m.Groups[1].Value, n) : m.Value);
    }

    /// <summary>The body without its markers, for what counts words (readability). Search strips them the same way in SQL (search_text, migration 0014).</summary>
    public static string Strip(string body) => Marker().Replace(body, "");

    /// <summary>What a reference id may look like (the label of a marker that can resolve).</summary>
    public static bool IsId(string? id) => id is { Length: > 0 and <= 64 } && Id().IsMatch(id);

    [GeneratedRegex(@"\[\^([^\]\s]{1,64})\]")]
    private static partial Regex Marker();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Id();
}
