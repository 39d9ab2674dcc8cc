using Dapper;
using KetamineContent.Api.Content;
using Npgsql;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>Arranges articles directly in a test's own database (to set up lists bigger than the samples).</summary>
public static class ContentBuilder
{
    public static ArticleContent Content(string title, string sideEffects = "Nausea and dizziness can occur.") => new(
        title,
        "A summary of " + title,
        "Educational information, not medical advice.",
        [
            new SectionContent(SectionKinds.Mechanism, "How it works", "It blocks the NMDA receptor."),
            new SectionContent(SectionKinds.WhatToExpect, "What to expect", "Effects begin within minutes."),
            new SectionContent(SectionKinds.SideEffects, "Side effects", sideEffects),
        ],
        []);

    public static async Task<Guid> InsertAsync(
        NpgsqlConnection connection, string slug, string topic, string[] tags, string title,
        bool published, DateTimeOffset at, string locale = "en")
    {
        var id = Guid.NewGuid();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO article (id, slug, locale, translation_group_id, topic, tags, created_at, updated_at) VALUES (@id, @slug, @locale, @id, @topic, @tags, @at, @at)",
            new { id, slug, locale, topic, tags, at = at.UtcDateTime }, tx);
        await RevisionStore.InsertAsync(connection, tx, id, 1, topic, tags, Content(title), "test", "", CancellationToken.None);
        if (published)
        {
            await connection.ExecuteAsync(
                "UPDATE article SET latest_revision = 1, published_revision = 1, status = 'published', title = @title, first_published_at = @at, published_at = @at WHERE id = @id",
                new { id, title, at = at.UtcDateTime }, tx);
        }
        else
        {
            await connection.ExecuteAsync("UPDATE article SET latest_revision = 1 WHERE id = @id", new { id }, tx);
        }

        await tx.CommitAsync();
        return id;
    }
}
