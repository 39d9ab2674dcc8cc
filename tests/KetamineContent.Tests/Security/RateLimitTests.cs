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
}
