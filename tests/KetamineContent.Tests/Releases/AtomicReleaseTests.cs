using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Releases;

/// <summary>
/// Readers never see half a release: while a release of 20 articles publishes, several clients read single articles,
/// the list of the 20 (with and without count) and sync pages from a cursor taken before; every answer must hold all 20
/// as before or all 20 as after.
/// </summary>
public sealed class AtomicReleaseTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const int Size = 20;
    private const string Before = "Ketamine and sleep";
    private const string After = "Ketamine and sleep, revised";

    [Fact]
    public async Task ReadersSeeAReleaseOfTwentyArticlesWhollyBeforeOrWhollyAfter()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var tag = "atomic" + Guid.NewGuid().ToString("N")[..8];
        var slugs = Enumerable.Range(0, Size).Select(i => Articles.NewSlug($"atomic-{i}")).ToList();
        var ids = new List<Guid>();
        foreach (var slug in slugs)
        {
            ids.Add(await ReleaseCalls.PublishedWithReviewedDraftAsync(editor, reviewer, slug, tag, Before, After));
        }

        var (release, etag) = await ReleaseCalls.CreateAsync(editor);
        foreach (var id in ids)
        {
            etag = await ReleaseCalls.AddAsync(editor, release, etag, id, 2);
        }

        using var setup = api.Client(null);
        var cursor = await SyncedCursorAsync(setup);
        var seen = new ConcurrentBag<string>();
        var violations = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 6).Select(n => Task.Run(async () =>
        {
            using var reader = api.Client(null);
            var random = new Random(n);
            while (!stop.IsCancellationRequested)
            {
                var (what, verdict) = (n % 3) switch
                {
                    0 => ("list", Whole(await ListTitlesAsync(reader, tag, count: n % 2 == 0))),
                    1 => ("sync", Whole(await SyncTitlesAsync(reader, cursor, ids), allowNone: true)),
                    _ => ("article", await ArticleTitleAsync(reader, slugs[random.Next(Size)])),
                };
                seen.Add($"{what}:{verdict}");
                if (verdict.StartsWith("half", StringComparison.Ordinal))
                {
                    violations.Add($"{what}: {verdict}");
                }
            }
        })).ToList();

        await Task.Delay(500);
        var published = await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, $"/v1/manage/releases/{release}/publish", etag, new { });
        Assert.Equal("published", (await published.JsonAsync()).GetProperty("state").GetString());
        await Task.Delay(1500);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Empty(violations);
        foreach (var what in new[] { "list", "sync", "article" })
        {
            Assert.Contains($"{what}:before", seen);
            Assert.Contains($"{what}:after", seen);
        }

        // Afterwards every reader sees the whole release (once the change notifications have reached the cache).
        using var late = api.Client(null);
        Assert.Equal(After, await Served.TitleAsync(late, slugs[^1], After));
        Assert.Equal("after", Whole(await ListTitlesAsync(late, tag, count: false)));
    }

    /// <summary>"before" or "after" when every title is one of them; "none" for an empty page (sync before the commit); else "half ...".</summary>
    private static string Whole(IReadOnlyList<string> titles, bool allowNone = false) =>
        titles.Count == 0 && allowNone ? "before"
        : titles.Count == Size && titles.All(t => t == Before) ? "before"
        : titles.Count == Size && titles.All(t => t == After) ? "after"
        : $"half: {titles.Count(t => t == Before)} before, {titles.Count(t => t == After)} after of {titles.Count}";

    private static async Task<IReadOnlyList<string>> ListTitlesAsync(HttpClient reader, string tag, bool count)
    {
        var page = await (await reader.GetAsync($"/v1/articles?tag={tag}&limit=100" + (count ? "&count=true" : ""))).JsonAsync();
        var titles = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
        if (count && page.GetProperty("total").GetInt32() != titles.Count)
        {
            return ["total " + page.GetProperty("total").GetInt32()];
        }

        return titles;
    }

    /// <summary>The first page of changes after the cursor, small (limit 5): the release's articles it holds.</summary>
    private static async Task<IReadOnlyList<string>> SyncTitlesAsync(HttpClient reader, string cursor, List<Guid> ids)
    {
        var page = await (await reader.GetAsync("/v1/sync?limit=5&cursor=" + Uri.EscapeDataString(cursor))).JsonAsync();
        return page.GetProperty("items").EnumerateArray().Where(i => ids.Contains(i.GetProperty("id").GetGuid()))
            .Select(i => i.GetProperty("title").GetString()!).ToList();
    }

    private static async Task<string> ArticleTitleAsync(HttpClient reader, string slug)
    {
        var response = await reader.GetAsync($"/v1/articles/{slug}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"half: {(int)response.StatusCode}";
        }

        var title = (await response.JsonAsync()).GetProperty("title").GetString();
        return title == Before ? "before" : title == After ? "after" : $"half: {title}";
    }

    /// <summary>A full sync of everything published now; the cursor then names the state before the release.</summary>
    private static async Task<string> SyncedCursorAsync(HttpClient reader)
    {
        string? cursor = null;
        JsonElement page;
        do
        {
            page = await (await reader.GetAsync("/v1/sync?limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).JsonAsync();
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (page.GetProperty("hasMore").GetBoolean());

        return cursor!;
    }
}
