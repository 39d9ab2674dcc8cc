using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace KetamineContent.Api.Search;

/// <summary>
/// English stems of words, from PostgreSQL (<see cref="SearchSql.Stems"/>), remembered by this node: the stemmer of a
/// search configuration gives a word the same stem every time, so a word is asked for once and a page of snippets whose
/// words are known needs no second query. At most <see cref="Capacity"/> words are kept; past that the memory starts over.
/// </summary>
public static class Stems
{
    public const int Capacity = 20_000;

    private static ConcurrentDictionary<string, string?> _known = new(StringComparer.Ordinal);

    /// <summary>The stem of each word (null for a stop word), asking PostgreSQL only for the words not known yet.</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> OfAsync(NpgsqlConnection connection, IReadOnlyCollection<string> words, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(words);
        // The answer is built here, never read back from the shared memory after the query (another request may have
        // started it over meanwhile); starting over swaps in a new dictionary, so no reader sees it half cleared.
        var known = Volatile.Read(ref _known);
        var stems = new Dictionary<string, string?>(words.Count, StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var word in words)
        {
            if (known.TryGetValue(word, out var stem))
            {
                stems[word] = stem;
            }
            else
            {
                unknown.Add(word);
            }
        }

        if (unknown.Count == 0)
        {
            return stems;
        }

        var found = (await connection.QueryAsync<(string Word, string? Stem)>(new CommandDefinition(SearchSql.Stems, new { Words = unknown.ToArray() }, cancellationToken: ct))).AsList();
        if (known.Count + found.Count > Capacity)
        {
            known = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
            Volatile.Write(ref _known, known);
        }

        foreach (var (word, stem) in found)
        {
            stems[word] = stem;
            known[word] = stem;
        }

        return stems;
    }
}
