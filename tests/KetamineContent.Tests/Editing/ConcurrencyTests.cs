using System.Net;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Editing;

public sealed class ConcurrencyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ParallelRevisionsAgainstOneETagProduceExactlyOneWinnerPerVersionAndNoGaps()
    {
        var editorKey = await api.KeyAsync("editor");
        using var creator = api.Client(editorKey);
        var slug = Articles.NewSlug("race");
        var (id, etag, _) = await Articles.CreateAsync(creator, slug);
        var winners = new List<int>();

        for (var round = 0; round < 5; round++)
        {
            var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
            {
                using var editor = api.Client(editorKey);
                return await Articles.ReviseAsync(editor, id, etag, Articles.Body(slug, $"Round {round} editor {i}"));
            }));

            var created = attempts.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
            var winner = Assert.Single(created);
            Assert.All(attempts.Except(created), a => Assert.Equal(HttpStatusCode.PreconditionFailed, a.StatusCode));
            etag = winner.Headers.ETag!.Tag;
            winners.Add(int.Parse(winner.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal([2, 3, 4, 5, 6], winners);
        await using var db = await api.OpenDatabaseAsync();
        var numbers = (await db.QueryAsync<int>("SELECT number FROM revision WHERE article_id = @id ORDER BY number", new { id })).ToList();
        Assert.Equal(Enumerable.Range(1, 6), numbers);
        var titles = (await db.QueryAsync<string>("SELECT title FROM revision WHERE article_id = @id AND number > 1 ORDER BY number", new { id })).ToList();
        Assert.All(titles.Select((t, i) => (t, i)), x => Assert.StartsWith($"Round {x.i} editor", x.t, StringComparison.Ordinal));
        Assert.Equal(6, await db.ExecuteScalarAsync<int>("SELECT latest_revision FROM article WHERE id = @id", new { id }));
    }
}
