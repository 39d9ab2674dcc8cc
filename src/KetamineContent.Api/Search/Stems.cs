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

    private static readonly ConcurrentDictionary<string, string?> Known = new(StringComparer.Ordinal);

    /// <summary>The stem of each word (null for a stop word), asking PostgreSQL only for the words not known yet.</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> OfAsync(NpgsqlConnection connection, IReadOnlyCollection<string> words, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(words);
        var unknown = words.Where(w => !Known.ContainsKey(w)).ToArray();
        if (unknown.Length > 0)
        {
            var found = await connection.QueryAsync<(string Word, string? Stem)>(new CommandDefinition(SearchSql.Stems, new { Words = unknown }, cancellationToken: ct));
            if (Known.Count + unknown.Length > Capacity)
            {
                Known.Clear();
            }

            foreach (var (word, stem) in found)
            {
                Known[word] = stem;
            }
        }

        var stems = new Dictionary<string, string?>(words.Count, StringComparer.Ordinal);
        foreach (var word in words)
        {
            stems[word] = Known.GetValueOrDefault(word);
        }

        return stems;
    }
}
