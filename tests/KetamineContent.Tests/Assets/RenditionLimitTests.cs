using System.Net;
using System.Text;
using KetamineContent.Api.Assets;
using KetamineContent.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineContent.Tests.Assets;

/// <summary>
/// Every rendition runs in a bounded queue, under a time limit enforced inside libvips, and stops when its client
/// leaves; PDF renditions are off unless turned on (issue 22).
/// </summary>
public sealed class RenditionLimitTests
{
    /// <summary>A 4000 x 4000 PNG of noise (16 MB): it cannot shrink on load, so every rendition decodes all of it.</summary>
    private static readonly Lazy<byte[]> Heavy = new(() => Images.Noise(4000, 4000));

    [Fact]
    public async Task ARenditionPastTheTimeLimitIsStoppedWith422NamingTheLimit()
    {
        await using var api = new ApiFactory().With("Assets:RenditionTimeoutSeconds", "0.05").With("Assets:RenditionDiskBytes", "0");
        await api.InitializeAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        var url = (await Images.UploadedAsync(editor, Heavy.Value, "noise.png")).GetProperty("url").GetString()!;
        var engine = api.Services.GetRequiredService<ImageEngine>();

        var problem = await (await editor.GetAsync(url + "?w=1920&fm=jpeg")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Assets:RenditionTimeoutSeconds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, engine.TimedOut);
        Assert.Equal(0, engine.Rendering);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(url)).StatusCode); // the original is still served
    }

    [Fact]
    public async Task ARenditionIsStoppedWhenItsClientLeaves()
    {
        await using var api = new ApiFactory().With("Assets:MaxConcurrentRenditions", "1").With("Assets:RenditionTimeoutSeconds", "120").With("Assets:RenditionDiskBytes", "0");
        await api.InitializeAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        var url = (await Images.UploadedAsync(editor, Heavy.Value, "noise.png")).GetProperty("url").GetString()!;
        var engine = api.Services.GetRequiredService<ImageEngine>();

        using var leaving = new CancellationTokenSource();
        var request = editor.GetAsync(url + "?w=2560&fm=png", leaving.Token);
        await Until(() => engine.Rendering == 1 || request.IsCompleted, "the rendition to start");
        Assert.False(request.IsCompleted, "the rendition finished before the client could leave");
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        await Until(() => engine.Cancelled == 1, "libvips to stop the rendition");
        Assert.Equal(0, engine.Rendering);
        // The one slot is free again: the next rendition is made (not the one abandoned: it was never stored).
        var next = await editor.GetAsync(url + "?w=64&fm=png");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(64, Images.Probe(await next.Content.ReadAsByteArrayAsync()).Width);
    }

    [Fact]
    public async Task AFullQueueAnswers503WithRetryAfter()
    {
        await using var api = new ApiFactory().With("Assets:MaxConcurrentRenditions", "1").With("Assets:MaxQueuedRenditions", "0")
            .With("Assets:RenditionTimeoutSeconds", "30").With("Assets:RenditionDiskBytes", "0");
        await api.InitializeAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        var url = (await Images.UploadedAsync(editor, Heavy.Value, "noise.png")).GetProperty("url").GetString()!;

        var answers = await Task.WhenAll(RenditionRequest.Steps.Take(8).Select(w => editor.GetAsync($"{url}?w={w}&fm=png")));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        var busy = answers.Where(a => a.StatusCode != HttpStatusCode.OK).ToList();
        Assert.NotEmpty(busy);
        foreach (var answer in busy)
        {
            var problem = await answer.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Contains("Assets:MaxQueuedRenditions", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(30), answer.Headers.RetryAfter?.Delta);
        }
    }

    [Fact]
    public async Task WithoutWOrHARenditionIsBoxedAt2560()
    {
        await using var api = new ApiFactory();
        await api.InitializeAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        var url = (await Images.UploadedAsync(editor, Images.Solid(4000, 3000, "jpg"), "wide.jpg")).GetProperty("url").GetString()!;
        foreach (var query in new[] { "?fm=avif", "?fm=png", "?q=90", "?h=256&fm=png" })
        {
            var (w, h, _) = Images.Probe(await editor.GetByteArrayAsync(url + query));
            Assert.True(Math.Max(w, h) <= ImageEngine.MaxBoxSide, $"{query}: {w} x {h}");
        }

        Assert.Equal((2560, 1920), (Images.Probe(await editor.GetByteArrayAsync(url + "?fm=png")).Width, Images.Probe(await editor.GetByteArrayAsync(url + "?fm=png")).Height));
    }

    [Fact]
    public async Task APdfTimeBombIsRefusedWhenPdfRenditionsAreOffAndAnsweredWithinTheLimitWhenOn()
    {
        var bomb = NestedFormPdf(levels: 10, copies: 10); // 10^10 fills if a renderer walks it
        Assert.True(bomb.Length < 8 * 1024);

        await using (var off = new ApiFactory())
        {
            await off.InitializeAsync();
            using var editor = off.Client(await off.KeyAsync("editor"));
            var url = (await (await Images.UploadAsync(editor, bomb, "bomb.pdf", "application/pdf", alt: null)).JsonAsync()).GetProperty("url").GetString()!;
            var refused = await (await editor.GetAsync(url + "?w=640")).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("Assets:AllowPdfRenditions", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(bomb, await editor.GetByteArrayAsync(url)); // the original is served
        }

        await using var on = new ApiFactory().With("Assets:AllowPdfRenditions", "true").With("Assets:RenditionTimeoutSeconds", "2");
        await on.InitializeAsync();
        using var client = on.Client(await on.KeyAsync("editor"));
        client.Timeout = TimeSpan.FromSeconds(60); // 30 times the limit: the old engine took 72 s for 10^7 fills, days for this
        var pdf = (await (await Images.UploadAsync(client, bomb, "bomb.pdf", "application/pdf", alt: null)).JsonAsync()).GetProperty("url").GetString()!;
        foreach (var query in new[] { "?w=640", "?fm=png" })
        {
            var answer = await client.GetAsync(pdf + query);
            await answer.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        }
    }

    /// <summary>A page drawing form XObject 1, which draws 2 copies times ..., down to a filled rectangle: a few KB of text.</summary>
    public static byte[] NestedFormPdf(int levels, int copies)
    {
        var pdf = new StringBuilder("%PDF-1.4\n");
        pdf.Append("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
        pdf.Append("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
        pdf.Append("3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >> endobj\n");
        const string draw = "/X Do\n";
        pdf.Append(FormattableString.Invariant($"4 0 obj << /Length {draw.Length} >> stream\n{draw}endstream endobj\n"));
        for (var level = 0; level < levels; level++)
        {
            var last = level == levels - 1;
            var content = last ? "0 0 612 792 re f\n" : string.Concat(Enumerable.Repeat("q /X Do Q\n", copies));
            var resources = last ? "" : FormattableString.Invariant($"/Resources << /XObject << /X {6 + level} 0 R >> >> ");
            pdf.Append(FormattableString.Invariant($"{5 + level} 0 obj << /Type /XObject /Subtype /Form /BBox [0 0 612 792] {resources}/Length {content.Length} >> stream\n{content}endstream endobj\n"));
        }

        pdf.Append("trailer << /Root 1 0 R >>\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(1);
        }
    }
}
