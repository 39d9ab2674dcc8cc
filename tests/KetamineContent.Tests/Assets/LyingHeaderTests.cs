using System.Net;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Assets;

/// <summary>
/// Sizes come from the decoder's own header read, never from a byte scan: files whose early bytes lie about their size
/// are refused at upload or rendered within the limits (issue 22). Limits here: 1 MP, 1500 px a side.
/// </summary>
public sealed class LyingHeaderTests(LyingHeaderTests.Api api) : IClassFixture<LyingHeaderTests.Api>
{
    public sealed class Api : ApiFactory
    {
        public Api() => With("Assets:MaxPixels", "1000000").With("Assets:MaxDimension", "1500");
    }

    [Fact]
    public async Task AnAvifWithADecoyImageExtentIsRefusedAtItsRealSize()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        // A real 1600 x 1600 AVIF; a 'free' box before its 'meta' says 100 x 100 in an 'ispe' of its own, more than 64 KiB
        // ahead of the real one (the old sniffer scanned the first 64 KiB and took 100 x 100).
        var avif = LyingImages.AvifWithDecoy(Images.Solid(1600, 1600, "avif"), 100, 100);
        Assert.True(avif.AsSpan(0, 64 * 1024).IndexOf("ispe"u8) is > 0 and < 64);
        Assert.Equal((1600, 1600), (Images.Probe(avif).Width, Images.Probe(avif).Height)); // it still decodes, at its real size

        var problem = await (await Images.UploadAsync(editor, avif, "decoy.avif", "image/avif")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("1600 x 1600 = 2560000 pixels", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Assets:MaxPixels", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));

        // Within the limits the same file is stored with its real size, not the decoy's.
        var small = await Images.UploadedAsync(editor, LyingImages.AvifWithDecoy(Images.Solid(900, 700, "avif"), 100, 100), "decoy-small.avif");
        Assert.Equal((900, 700), (small.GetProperty("width").GetInt32(), small.GetProperty("height").GetInt32()));
    }

    [Fact]
    public async Task AJpegWhoseFrameHeaderLiesIsRefusedOrRenderedWithinIt()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var real = Images.Noise(1400, 1400, "jpg");

        // Claiming more than the limits: refused from the header, nothing decoded.
        var huge = await (await Images.UploadAsync(editor, LyingImages.JpegWithFrameSize(real, 60000, 60000), "huge.jpg")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Assets:MaxPixels", huge.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Claiming less than the scan data holds: the decoder believes its header, so nothing larger is ever allocated.
        var liar = await Images.UploadedAsync(editor, LyingImages.JpegWithFrameSize(real, 100, 100), "small-liar.jpg");
        Assert.Equal((100, 100), (liar.GetProperty("width").GetInt32(), liar.GetProperty("height").GetInt32()));
        foreach (var query in new[] { "?fm=png", "?w=2560&h=2560&fm=jpeg", "?w=64&h=64&fit=cover&fm=webp" })
        {
            var response = await editor.GetAsync(liar.GetProperty("url").GetString() + query);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var (w, h, _) = Images.Probe(await response.Content.ReadAsByteArrayAsync());
                Assert.True(w <= 100 && h <= 100, $"{query}: {w} x {h}");
            }
            else
            {
                await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
            }
        }
    }

    [Fact]
    public async Task AWebPWhoseCanvasLiesIsRefused()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var real = LyingImages.ExtendedWebP(1600, 1600);
        Assert.Equal((1600, 1600), (Images.Probe(real).Width, Images.Probe(real).Height));

        // The VP8X canvas says 100 x 100 around a 1600 x 1600 frame (the old sniffer read the canvas and stored 100 x 100).
        var small = await (await Images.UploadAsync(editor, LyingImages.WebPWithCanvas(real, 100, 100), "canvas.webp", "image/webp")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("could not be read by its decoder", small.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("VipsForeign", small.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var large = await (await Images.UploadAsync(editor, LyingImages.WebPWithCanvas(real, 16000, 16000), "canvas.webp", "image/webp")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(large.GetProperty("errors").TryGetProperty("file", out _));

        await (await Images.UploadAsync(editor, real, "real.webp", "image/webp")).AssertProblemAsync(HttpStatusCode.BadRequest); // 2.56 MP > 1 MP
        var fits = await Images.UploadedAsync(editor, LyingImages.ExtendedWebP(1000, 900), "fits.webp");
        Assert.Equal((1000, 900), (fits.GetProperty("width").GetInt32(), fits.GetProperty("height").GetInt32()));
    }
}
