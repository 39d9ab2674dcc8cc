using System.Net;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Security;

public sealed class RateLimitTests
{
    [Fact]
    public async Task AKeyOverItsLimitGets429WithRetryAfterAndOtherKeysAreUnaffected()
    {
        await using var api = new ApiFactory().With("RateLimits:PerKeyPerMinute", "5");
        await api.InitializeAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/v1/manage/articles")).StatusCode);
        }

        var refused = await editor.GetAsync("/v1/manage/articles");
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        using var other = api.Client(await api.KeyAsync("editor"));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/v1/manage/articles")).StatusCode);
    }

    [Fact]
    public async Task AnAddressOverItsLimitGets429OnDatabaseBackedReads()
    {
        await using var api = new ApiFactory().With("RateLimits:PerAddressPerMinute", "3");
        await api.InitializeAsync();
        using var reader = api.Client(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            // No trusted proxy is configured: a different X-Forwarded-For each time does not open a new window.
            statuses.Add((await PublicUrlTests.SearchFromAsync(reader, $"203.0.113.{10 + i}", $"ketamine{i}")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        await (await reader.GetAsync("/v1/sync")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ManagementAnswersAnnounceTheLimitTheyCountAgainstAndCachedReadsDoNot()
    {
        await using var api = new ApiFactory().With("RateLimits:PerKeyPerMinute", "4").With("RateLimits:PerAddressPerMinute", "50");
        await api.InitializeAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        var remaining = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var answer = await editor.GetAsync("/v1/manage/articles");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("\"per-key\";q=4;w=60", answer.Headers.GetValues("RateLimit-Policy").Single());
            var limit = System.Text.RegularExpressions.Regex.Match(answer.Headers.GetValues("RateLimit").Single(), "^\"per-key\";r=(\\d+);t=(\\d+)$");
            Assert.True(limit.Success, answer.Headers.GetValues("RateLimit").Single());
            Assert.InRange(int.Parse(limit.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
            remaining.Add(int.Parse(limit.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal([3, 2, 1, 0], remaining);
        var refused = await editor.GetAsync("/v1/manage/articles/00000000-0000-0000-0000-000000000000");
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.StartsWith("\"per-key\";r=0;t=", refused.Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
        Assert.Equal(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            refused.Headers.GetValues("RateLimit").Single().Split("t=")[1]);

        // A 401 on a management route counted against the address and says so.
        using var anonymous = api.Client(null);
        var unauthorized = await anonymous.GetAsync("/v1/manage/articles");
        await unauthorized.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("\"per-key\";q=4;w=60", unauthorized.Headers.GetValues("RateLimit-Policy").Single());

        // The uncached public feed announces the per-address limit; reads the cache may answer carry no limit headers.
        var sync = await anonymous.GetAsync("/v1/sync?limit=1");
        Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        Assert.Equal("\"per-address\";q=50;w=60", sync.Headers.GetValues("RateLimit-Policy").Single());
        foreach (var path in new[] { "/v1/articles/ketamine-for-anxiety", "/v1/articles/ketamine-for-anxiety", "/v1/topics" })
        {
            var read = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.False(read.Headers.Contains("RateLimit") || read.Headers.Contains("RateLimit-Policy"), path);
        }
    }
}
