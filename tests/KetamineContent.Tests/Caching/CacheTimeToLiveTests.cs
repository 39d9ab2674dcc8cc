using System.Net;
using Dapper;
using KetamineContent.Api.Caching;
using KetamineContent.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KetamineContent.Tests.Caching;

/// <summary>
/// Cache:MaxAgeSeconds is the bound on how long a lost invalidation can show out-of-date content. The cache's clock is a
/// FakeTimeProvider that the test moves, so nothing depends on how fast the machine runs.
/// </summary>
public sealed class CacheTimeToLiveTests
{
    private const string Url = "/v1/articles/ketamine-for-anxiety";

    [Fact]
    public async Task AnEntryIsNotServedAfterMaxAgeEvenWhenItsNotificationIsLost()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = new CacheClockApi(clock).With("Cache:MaxAgeSeconds", "60");
        await api.InitializeAsync();
        using var reader = api.Client(null);
        var first = await reader.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag?.Tag;

        // Withdraw the article behind the cache's back: no notification is sent.
        await using (var db = await api.OpenDatabaseAsync())
        {
            await db.ExecuteAsync("UPDATE article SET status = 'draft', published_revision = NULL, published_at = NULL, first_published_at = NULL WHERE slug = 'ketamine-for-anxiety'");
        }

        // The notification is indeed lost: up to the limit the cache still serves the withdrawn article.
        clock.Advance(TimeSpan.FromSeconds(59));
        var lost = await reader.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
        Assert.Equal(etag, lost.Headers.ETag?.Tag);
        Assert.Equal("Ketamine for anxiety", (await lost.JsonAsync()).GetProperty("title").GetString());

        // Past the limit the entry is a miss, and the database's answer (withdrawn: 404) is what readers get.
        clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await reader.GetAsync(Url);
        await ProblemAssertions.AssertProblemAsync(expired, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(Url)).StatusCode);
    }

    /// <summary>The API with its response cache on <paramref name="clock"/> (everything else keeps the system clock).</summary>
    private sealed class CacheClockApi(TimeProvider clock) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.AddSingleton(sp => new ResponseCache(sp.GetRequiredService<IOptions<CacheOptions>>(), clock)));
        }
    }
}
