using System.Net;
using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Delivery;

/// <summary>Walks every page of a list bigger than the samples, for every sort, and checks nothing is missed or repeated.</summary>
public sealed class PaginationTests(PaginationTests.Fixture fixture) : IClassFixture<PaginationTests.Fixture>
{
    private const int Extra = 53;
    private readonly HttpClient _client = fixture.CreateClient();

    public sealed class Fixture : ApiFactory
    {
        protected override async Task ArrangeAsync()
        {
            await using var db = await OpenDatabaseAsync();
            var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < Extra; i++)
            {
                // Several articles share a timestamp and a title, so the id tie-breaker is exercised.
                var at = start.AddHours(i / 3).AddTicks(i % 3 == 0 ? 0 : 10);
                var title = $"Paged article {i % 17:00}";
                await ContentBuilder.InsertAsync(db, $"paged-{i}", i % 2 == 0 ? "depression" : "anxiety", ["paged", $"group-{i % 4}"], title, published: true, at);
            }

            await ContentBuilder.InsertAsync(db, "paged-draft", "depression", ["paged"], "A draft", published: false, start);
        }
    }

    [Theory]
    [InlineData("published", 1)]
    [InlineData("-published", 7)]
    [InlineData("updated", 10)]
    [InlineData("-updated", 20)]
    [InlineData("title", 3)]
    [InlineData("-title", 100)]
    public async Task WalkingAllPagesVisitsEveryArticleOnceInOrder(string sort, int limit)
    {
        var seen = await WalkAsync($"/v1/articles?tag=paged&sort={sort}&limit={limit}");
        Assert.Equal(Extra, seen.Count);
        Assert.Equal(Extra, seen.Select(s => s.GetProperty("slug").GetString()).Distinct().Count());
        Assert.DoesNotContain(seen, s => s.GetProperty("slug").GetString() == "paged-draft");

        var keys = seen.Select(s => sort.TrimStart('-') switch
        {
            "published" => s.GetProperty("publishedAt").GetDateTimeOffset().UtcTicks.ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
            "updated" => s.GetProperty("updatedAt").GetDateTimeOffset().UtcTicks.ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
            _ => s.GetProperty("title").GetString()!,
        }).ToList();
        var expected = sort.StartsWith('-') ? keys.OrderDescending(StringComparer.Ordinal) : keys.Order(StringComparer.Ordinal);
        Assert.Equal(expected, keys);
    }

    [Fact]
    public async Task FiltersApplyAcrossPages()
    {
        var seen = await WalkAsync("/v1/articles?tag=group-1&topic=anxiety&limit=2");
        Assert.Equal(Enumerable.Range(0, Extra).Count(i => i % 4 == 1 && i % 2 == 1), seen.Count);
        Assert.All(seen, s => Assert.Equal("anxiety", s.GetProperty("topic").GetString()));
    }

    [Fact]
    public async Task DefaultPageSizeIs20()
    {
        var body = await (await _client.GetAsync("/v1/articles?tag=paged")).JsonAsync();
        Assert.Equal(20, body.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.String, body.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task ACursorOfAnotherSortIsRejected()
    {
        var body = await (await _client.GetAsync("/v1/articles?tag=paged&sort=title&limit=5")).JsonAsync();
        var cursor = body.GetProperty("nextCursor").GetString();
        var problem = await (await _client.GetAsync($"/v1/articles?tag=paged&sort=updated&cursor={cursor}")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }

    private async Task<List<JsonElement>> WalkAsync(string firstPage)
    {
        var seen = new List<JsonElement>();
        var url = firstPage;
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages < 200, "pagination does not end");
            var response = await _client.GetAsync(url);
            var body = await response.JsonAsync();
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            var cursor = body.GetProperty("nextCursor");
            if (cursor.ValueKind == JsonValueKind.Null)
            {
                Assert.False(response.Headers.Contains("Link"));
                url = null;
            }
            else
            {
                var link = Assert.Single(response.Headers.GetValues("Link"));
                Assert.EndsWith("rel=\"next\"", link, StringComparison.Ordinal);
                url = link[1..link.IndexOf('>', StringComparison.Ordinal)];
                Assert.Contains("cursor=" + Uri.EscapeDataString(cursor.GetString()!), url, StringComparison.Ordinal);
            }
        }

        return seen;
    }
}
