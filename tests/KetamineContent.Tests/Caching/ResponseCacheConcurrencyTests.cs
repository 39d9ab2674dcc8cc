using KetamineContent.Api.Caching;
using Microsoft.Extensions.Options;

namespace KetamineContent.Tests.Caching;

/// <summary>
/// The cache under writers that overfill it at once: eviction takes its snapshot while other threads store. A 500 on
/// /v1/search was seen now and then in CacheBudgetTests; the suspected cause (a LINQ copy of the live dictionary) did
/// not reproduce here, so this test guards the invariant, it does not prove that fix.
/// </summary>
public sealed class ResponseCacheConcurrencyTests
{
    [Fact]
    public async Task ConcurrentStoresThatOverfillTheBudgetNeverThrowAndStayUnderIt()
    {
        const long budget = 64 * 1024;
        var cache = new ResponseCache(Options.Create(new CacheOptions { MaxBytes = budget }), TimeProvider.System);
        var body = new byte[200];
        var writers = Enumerable.Range(0, Environment.ProcessorCount * 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var entry = new CacheEntry { Body = body, ETag = "\"e\"", ContentType = "application/json", CacheControl = "public", StoredAt = cache.Now };
                cache.Store($"/v1/search?q=w{w}-{i}", entry, cache.Generation);
            }
        }));
        await Task.WhenAll(writers);
        Assert.InRange(cache.Bytes, 1, budget);
        Assert.True(cache.Count > 10, $"only {cache.Count} entries kept");
    }
}
