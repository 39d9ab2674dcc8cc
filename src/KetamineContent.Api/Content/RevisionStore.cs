using System.Data;
using Dapper;

namespace KetamineContent.Api.Content;

/// <summary>Writes one immutable revision with its sections and references inside the caller's transaction.</summary>
public static class RevisionStore
{
    private const string InsertRevision = """
        INSERT INTO revision (article_id, number, topic, tags, title, summary, disclaimer, author, change_note)
        VALUES (@ArticleId, @Number, @Topic, @Tags, @Title, @Summary, @Disclaimer, @Author, @ChangeNote)
        RETURNING created_at
        """;

    private const string InsertSection = """
        INSERT INTO section (article_id, revision_number, kind, position, heading, body, cites)
        VALUES (@ArticleId, @Number, @Kind, @Position, @Heading, @Body, @Cites)
        """;

    private const string InsertReference = """
        INSERT INTO reference (article_id, revision_number, position, title, url, doi, pubmed_id)
        VALUES (@ArticleId, @Number, @Position, @Title, @Url, @Doi, @PubmedId)
        """;

    public static async Task<DateTimeOffset> InsertAsync(
        IDbConnection connection, IDbTransaction tx, Guid articleId, int number, string topic, IReadOnlyList<string> tags,
        ArticleContent content, string author, string changeNote, CancellationToken ct)
    {
        var createdAt = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition(InsertRevision, new
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
        }, tx, cancellationToken: ct));

        var sections = content.Sections.Select((s, i) => new
        {
            ArticleId = articleId,
            Number = number,
            s.Kind,
            Position = i + 1,
            s.Heading,
            s.Body,
            Cites = (s.Cites ?? []).ToArray(),
        });
        await connection.ExecuteAsync(new CommandDefinition(InsertSection, sections, tx, cancellationToken: ct));

        var references = content.References.Select((r, i) => new
        {
            ArticleId = articleId,
            Number = number,
            Position = i + 1,
            r.Title,
            r.Url,
            r.Doi,
            r.PubmedId,
        });
        await connection.ExecuteAsync(new CommandDefinition(InsertReference, references, tx, cancellationToken: ct));
        return new DateTimeOffset(DateTime.SpecifyKind(createdAt, DateTimeKind.Utc));
    }
}
