using System.Net;
using Dapper;
using KetamineContent.Tests.Http;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Editing;

/// <summary>Revision writes take only the quoted ETag of the revision they are based on: '*' would skip the concurrency check.</summary>
public sealed class IfMatchTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("*", "would skip the concurrency check")]
    [InlineData("\"1\", *", "would skip the concurrency check")]
    [InlineData("1", "double quotes")]
    [InlineData("W/1", "double quotes")]
    public async Task RevisionWritesRefuseAWildcardOrAnUnquotedETagAndWriteNothing(string ifMatch, string explanation)
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var slug = Articles.NewSlug("if-match");
        var (id, _, _) = await Articles.CreateAsync(editor, slug);

        using var revise = await Articles.ReviseAsync(editor, id, ifMatch, Articles.Body(slug, "Blind overwrite"));
        using var restore = new HttpRequestMessage(HttpMethod.Post, $"/v1/manage/articles/{id}/revisions/1/restore");
        restore.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var restored = await editor.SendAsync(restore);

        foreach (var response in new[] { revise, restored })
        {
            var body = await ErrorAnswerTests.AssertOneVoiceAsync(response, HttpStatusCode.BadRequest, "One or more validation errors occurred.");
            var message = Assert.Single(body.GetProperty("errors").GetProperty("If-Match").EnumerateArray()).GetString()!;
            Assert.Contains(explanation, message, StringComparison.Ordinal);
            Assert.Contains("\"1\"", message, StringComparison.Ordinal);
        }

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM revision WHERE article_id = @id", new { id }));
    }

    [Fact]
    public async Task TheQuotedETagStillWins()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var slug = Articles.NewSlug("if-match");
        var (id, etag, _) = await Articles.CreateAsync(editor, slug);
        using var response = await Articles.ReviseAsync(editor, id, etag, Articles.Body(slug, "Second"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
