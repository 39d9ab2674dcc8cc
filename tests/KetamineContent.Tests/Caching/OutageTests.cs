using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using KetamineContent.Api.Caching;
using KetamineContent.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineContent.Tests.Caching;

/// <summary>PostgreSQL stopped under the API: cached articles still served, everything else 503 quickly, recovery on its own.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task WithPostgresStoppedCachedArticlesAreServedAndNothingAnswers500()
    {
        var (cluster, connectionString) = await TestDatabase.StartPrivateClusterAsync("outage");
        await using var api = new ApiFactory().OnDatabase(connectionString);
        await api.InitializeAsync();
        using var reader = api.Client(null);
        using var editor = api.Client(await api.KeyAsync("editor"));
        var cached = await (await reader.GetAsync("/v1/articles/ketamine-for-anxiety")).JsonAsync();
        await (await reader.GetAsync("/v1/articles")).JsonAsync();
        var cache = api.Services.GetRequiredService<ResponseCache>();

        cluster.Stop();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!cache.Stale && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(cache.Stale, "the listener did not notice the database going away");

        // Cached: still served, marked stale.
        var stale = await reader.GetAsync("/v1/articles/ketamine-for-anxiety");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("110", stale.Headers.GetValues("Warning").Single(), StringComparison.Ordinal);
        Assert.True(stale.Headers.Age.HasValue);
        Assert.Equal(cached.GetProperty("title").GetString(), (await stale.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/v1/articles")).StatusCode);

        // Not cached, and writes: 503 with Retry-After, quickly.
        foreach (var attempt in new Func<Task<HttpResponseMessage>>[]
        {
            () => reader.GetAsync("/v1/articles/ketamine-for-addiction"),
            () => reader.GetAsync("/v1/search?q=ketamine"),
            () => reader.GetAsync("/v1/sync"),
            () => editor.PostAsJsonAsync("/v1/manage/articles", Articles.Body(Articles.NewSlug("during-outage"))),
            () => editor.GetAsync("/v1/manage/articles"),
        })
        {
            var clock = Stopwatch.StartNew();
            var response = await attempt();
            clock.Stop();
            await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"a request took {clock.Elapsed.TotalSeconds:0.0} s to fail");
        }

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await reader.GetAsync("/health/ready")).StatusCode);

        // The database comes back: the API recovers by itself.
        var restarted = TestDatabase.RestartPrivateCluster(cluster);
        try
        {
            deadline = DateTime.UtcNow.AddSeconds(15);
            HttpStatusCode status;
            do
            {
                await Task.Delay(100);
                status = (await reader.GetAsync("/v1/articles/ketamine-for-addiction")).StatusCode;
            }
            while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(HttpStatusCode.Created, (await editor.PostAsJsonAsync("/v1/manage/articles", Articles.Body(Articles.NewSlug("after-outage")))).StatusCode);
            while (cache.Stale && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.False(cache.Stale);
            Assert.False((await reader.GetAsync("/v1/articles/ketamine-for-anxiety")).Headers.Contains("Warning"));
        }
        finally
        {
            await api.DisposeAsync();
            restarted.Stop();
        }
    }
}
