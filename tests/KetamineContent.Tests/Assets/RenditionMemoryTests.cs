using System.Net;
using KetamineContent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace KetamineContent.Tests.Assets;

/// <summary>
/// Thirty distinct variants asked for at once: the queue holds requests, not originals (each is loaded only once a slot
/// is held), so the API's peak resident memory stays bounded (issue 22: the old engine went from 538 MB to 1.1 GB).
/// </summary>
public sealed class RenditionMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ThirtyConcurrentDistinctVariantsKeepPeakMemoryBounded()
    {
        var database = await TestDatabase.CreateSeededAsync();
        await using var api = await ApiProcess.StartAsync(database, new Dictionary<string, string>
        {
            ["Assets__MaxQueuedRenditions"] = "64",
            ["Assets__RenditionDiskBytes"] = "0",
            ["Assets__RenditionTimeoutSeconds"] = "120",
        });
        using var admin = api.Client(ApiFactory.AdminKey);
        admin.Timeout = TimeSpan.FromMinutes(5);
        var original = Images.Noise(6000, 4000, "jpg");
        var url = (await Images.UploadedAsync(admin, original, "noise.jpg")).GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url + "?w=64&fm=jpeg")).StatusCode); // libvips loaded and warmed
        var before = api.MemoryMiB("VmHWM");

        var variants = RenditionRequest().Take(30).ToList();
        var answers = await Task.WhenAll(variants.Select(v => admin.GetAsync(url + v)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var peak = api.MemoryMiB("VmHWM");
        output.WriteLine($"original {original.Length / 1024} KiB; VmHWM before the burst {before} MiB, after 30 concurrent variants {peak} MiB (now VmRSS {api.MemoryMiB("VmRSS")} MiB)");
        Assert.True(peak - before < 400, $"peak resident memory grew by {peak - before} MiB ({before} -> {peak}) for 30 variants");
    }

    /// <summary>Distinct rendition queries: widths by formats by qualities.</summary>
    private static IEnumerable<string> RenditionRequest() =>
        from q in new[] { 50, 80, 100 }
        from fm in new[] { "jpeg", "webp" }
        from w in new[] { 128, 320, 640, 960, 1920 }
        select $"?w={w}&fm={fm}&q={q}";
}
