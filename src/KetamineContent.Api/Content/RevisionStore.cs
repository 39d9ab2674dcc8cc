using System.Text.Json;
using System.Text.Json.Serialization;
using KetamineContent.Api.Writes;
using Npgsql;

namespace KetamineContent.Api.Content;

/// <summary>Writes one immutable revision with its sections and references inside the caller's transaction.</summary>
public static class RevisionStore
{
    private const string InsertRevision = """
        INSERT INTO revision (article_id, number, topic, tags, title, summary, disclaimer, author, change_note)
        VALUES (@ArticleId, @Number, @Topic, @Tags, @Title, @Summary, @Disclaimer, @Author, @ChangeNote)
        """;

    /// <summary>All sections of a revision in one statement (one round trip, whatever their number).</summary>
    private const string InsertSections = """
        INSERT INTO section (article_id, revision_number, kind, position, heading, body, cites)
        SELECT @ArticleId, @Number, x.kind, x.position, x.heading, x.body, x.cites
        FROM jsonb_to_recordset(@Sections::jsonb) AS x(kind text, position int, heading text, body text, cites int[])
        """;

    private const string InsertReferences = """
        INSERT INTO reference (article_id, revision_number, position, ref_id, title, url, doi, pubmed_id, authors, journal, publisher,
                               year, volume, issue, pages, accessed)
        SELECT @ArticleId, @Number, x.position, x.ref_id, x.title, x.url, x.doi, x.pubmed_id, coalesce(x.authors, '{}'), x.journal, x.publisher,
               x.year, x.volume, x.issue, x.pages, x.accessed
        FROM jsonb_to_recordset(@References::jsonb) AS x(position int, ref_id text, title text, url text, doi text, pubmed_id text, authors text[],
                                                         journal text, publisher text, year int, volume text, issue text, pages text, accessed date)
        """;

    public static Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, Guid articleId, int number, string topic, IReadOnlyList<string> tags,
        ArticleContent content, string author, string changeNote, CancellationToken ct) =>
        Add(new StatementBatch(), articleId, number, topic, tags, content, author, changeNote).ExecuteAsync(connection, tx, ct);

    /// <summary>Adds the revision, its sections, references, asset uses and links to the command's batch (one round trip for all).</summary>
    public static StatementBatch Add(
        StatementBatch batch, Guid articleId, int number, string topic, IReadOnlyList<string> tags, ArticleContent content, string author, string changeNote)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(content);
        batch.Add(InsertRevision, new
        {
            ArticleId = articleId,
            Number = number,
            Topic = topic,
            Tags = tags.ToArray(),
            content.Title,
            content.Summary,
            content.Disclaimer,
            Author = author,
            ChangeNote = changeNote,
        });

        var sections = JsonSerializer.Serialize(content.Sections.Select((s, i) =>
            new SectionRow(s.Kind, i + 1, s.Heading, s.Body, Trust.CitationMarkers.Positions(s, content.References))));
        batch.Add(InsertSections, new { ArticleId = articleId, Number = number, Sections = sections });
        if (content.References.Count > 0)
        {
            var references = JsonSerializer.Serialize(content.References.Select((r, i) => new ReferenceRow(
                i + 1, r.Id, r.Title, r.Url, r.Doi, r.PubmedId, r.Authors ?? [], r.Journal, r.Publisher, r.Year, r.Volume, r.Issue, r.Pages, r.Accessed)));
            batch.Add(InsertReferences, new { ArticleId = articleId, Number = number, References = references });
        }

        var bodies = content.Sections.Select(s => s.Body).ToList();
        Assets.AssetReferences.Add(batch, articleId, number, bodies);
        Trust.ArticleLinks.Add(batch, articleId, number, bodies, content.Related);
        return batch;
    }

    private sealed record SectionRow(
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("position")] int Position,
        [property: JsonPropertyName("heading")] string Heading,
        [property: JsonPropertyName("body")] string Body,
        [property: JsonPropertyName("cites")] IReadOnlyList<int> Cites);

    private sealed record ReferenceRow(
        [property: JsonPropertyName("position")] int Position,
        [property: JsonPropertyName("ref_id")] string RefId,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("doi")] string? Doi,
        [property: JsonPropertyName("pubmed_id")] string? PubmedId,
        [property: JsonPropertyName("authors")] IReadOnlyList<string> Authors,
        [property: JsonPropertyName("journal")] string? Journal,
        [property: JsonPropertyName("publisher")] string? Publisher,
        [property: JsonPropertyName("year")] int? Year,
        [property: JsonPropertyName("volume")] string? Volume,
        [property: JsonPropertyName("issue")] string? Issue,
        [property: JsonPropertyName("pages")] string? Pages,
        [property: JsonPropertyName("accessed")] DateOnly? Accessed);
}
