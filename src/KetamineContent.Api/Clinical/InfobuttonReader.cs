using Dapper;

namespace KetamineContent.Api.Clinical;

/// <summary>Reads the entries of an Infobutton answer from the delivery database (published content only).</summary>
public sealed partial class InfobuttonReader(Data.DeliverySource dataSource)
{
    public async Task<IReadOnlyList<InfobuttonEntryRow>> FindAsync(InfobuttonRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await dataSource.OpenAsync(ct);
        if (request.System is not null)
        {
            var rows = (await connection.QueryAsync<InfobuttonEntryRow>(new CommandDefinition(InfobuttonSql.ByCode, new
            {
                request.System, Candidates = request.Candidates.ToArray(), request.Locale, Take = InfobuttonSql.MaxEntries,
            }, cancellationToken: ct))).AsList();
            if (rows.Count > 0)
            {
                return rows;
            }
        }

        // No code matched (or none was given): the display name, searched as text (any of its words).
        var words = Words(request.DisplayName);
        if (words.Count == 0)
        {
            return [];
        }

        return (await connection.QueryAsync<InfobuttonEntryRow>(new CommandDefinition(InfobuttonSql.ByText, new
        {
            Query = string.Join(" | ", words), request.Locale, Cap = Search.SearchSql.RankedCandidates, Take = InfobuttonSql.MaxEntries,
        }, cancellationToken: ct))).AsList();
    }

    /// <summary>Letters and digits only (each word a plain lexeme of to_tsquery), at most ten.</summary>
    private static List<string> Words(string? text) =>
        text is null ? [] : Word().Matches(text).Select(m => m.Value.ToLowerInvariant())
            .Where(w => w.Length >= 2).Distinct(StringComparer.Ordinal).Take(10).ToList();

    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{L}\p{Nd}]+", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Word();
}

public sealed class InfobuttonEntryRow
{
    public Guid Id { get; init; }
    public string Slug { get; init; } = "";
    public string Locale { get; init; } = "";
    public string Title { get; init; } = "";
    public string Summary { get; init; } = "";
    public string Topic { get; init; } = "";
    public DateTime UpdatedAt { get; init; }
    public DateTime? ReviewedAt { get; init; }
    public DateTime? ReviewDue { get; init; }
}
