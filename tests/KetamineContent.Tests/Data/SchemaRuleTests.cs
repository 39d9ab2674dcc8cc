using Dapper;
using KetamineContent.Tests.Infrastructure;
using Npgsql;

namespace KetamineContent.Tests.Data;

/// <summary>The schema itself refuses bad rows, even from direct SQL.</summary>
public sealed class SchemaRuleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly Guid Anxiety = Guid.Parse("6b1f0c1e-0004-4000-8000-000000000004");

    [Theory]
    [InlineData("INSERT INTO revision (article_id, number, topic, title, summary, disclaimer, author) VALUES (@Anxiety, 5, 'anxiety', 't', 's', 'd', 'a')", "revision_no_gaps")]
    [InlineData("INSERT INTO revision (article_id, number, topic, title, summary, disclaimer, author) VALUES (@Anxiety, 2, 'anxiety', 't', 's', 'd', 'a')", "lacks required sections")]
    [InlineData("UPDATE revision SET title = 'changed' WHERE article_id = @Anxiety", "immutable")]
    [InlineData("DELETE FROM section WHERE article_id = @Anxiety", "immutable")]
    [InlineData("UPDATE article SET slug = 'Not A Slug' WHERE id = @Anxiety", "article_slug_check")]
    [InlineData("UPDATE article SET tags = '{ketamine,ketamine}' WHERE id = @Anxiety", "article_tags_check")]
    [InlineData("INSERT INTO article (id, slug, translation_group_id, topic, status) VALUES (gen_random_uuid(), 'new-one', gen_random_uuid(), 'anxiety', 'deleted')", "article_status_check")]
    [InlineData("UPDATE article SET published_revision = NULL WHERE id = @Anxiety", "article_published_has_revision")]
    [InlineData("UPDATE article SET topic = 'no-such-topic' WHERE id = @Anxiety", "article_topic_fkey")]
    [InlineData("UPDATE article SET slug = 'ketamine-for-addiction' WHERE id = @Anxiety", "article_slug_unique_per_locale")]
    [InlineData("INSERT INTO section (article_id, revision_number, kind, position, heading, body) VALUES (@Anxiety, 1, 'dosage', 9, 'h', 'b')", "section_kind_check")]
    [InlineData("INSERT INTO section (article_id, revision_number, kind, position, heading, body) VALUES (@Anxiety, 1, 'mechanism', 9, 'h', 'b')", "section_pkey")]
    [InlineData("INSERT INTO reference (article_id, revision_number, position, title, url) VALUES (@Anxiety, 1, 1, 't', 'javascript:alert(1)')", "reference_url_check")]
    public async Task BadRowsAreRefusedByTheSchema(string sql, string expected)
    {
        await using var connection = await api.OpenDatabaseAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await connection.ExecuteAsync(sql, new { Anxiety }, tx);
            await tx.CommitAsync();
        });
        Assert.Contains(expected, error.ConstraintName + " " + error.MessageText, StringComparison.Ordinal);
    }
}
