using Dapper;
using Npgsql;

namespace KetamineContent.Api.Trust;

/// <summary>
/// The citation rule of publishing (and of anything else that must not put broken references before readers, such as a
/// release): every [^id] marker names one of the revision's references, and every reference is cited by some section.
/// </summary>
public static class CitationCheck
{
    private const string Read = """
        SELECT kind AS Kind, body AS Body, cites AS Cites FROM section
        WHERE article_id = @Id AND revision_number = @Number ORDER BY position;
        SELECT coalesce(ref_id, 'ref-' || position) AS Id, position AS Position FROM reference
        WHERE article_id = @Id AND revision_number = @Number ORDER BY position;
        """;

    /// <summary>Every broken citation of the revision, one sentence each; empty when its citations are whole.</summary>
    public static async Task<IReadOnlyList<string>> ReasonsNotToPublishAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, Guid articleId, int revision, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var read = await connection.QueryMultipleAsync(new CommandDefinition(Read, new { Id = articleId, Number = revision }, tx, cancellationToken: ct));
        var sections = (await read.ReadAsync<SectionRow>()).ToList();
        var references = (await read.ReadAsync<ReferenceRow>()).ToList();
        return Reasons(sections, references);
    }

    private static List<string> Reasons(List<SectionRow> sections, List<ReferenceRow> references)
    {
        var ids = references.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var reasons = sections
            .SelectMany(s => CitationMarkers.Labels(s.Body).Where(label => !ids.Contains(label)).Select(label => (s.Kind, label)))
            .Select(x => $"The section '{x.Kind}' cites [^{x.label}], which is not one of the references.")
            .ToList();
        var cited = sections.SelectMany(s => s.Cites ?? []).ToHashSet();
        reasons.AddRange(references.Where(r => !cited.Contains(r.Position))
            .Select(r => $"The reference '{r.Id}' is not cited: cite it with [^{r.Id}] in a section, or remove it."));
        return reasons;
    }

    private sealed class SectionRow
    {
        public string Kind { get; init; } = "";
        public string Body { get; init; } = "";
        public int[]? Cites { get; init; }
    }

    private sealed class ReferenceRow
    {
        public string Id { get; init; } = "";
        public int Position { get; init; }
    }
}
