using System.Net;
using System.Net.Http.Json;
using System.Text;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Assets;

/// <summary>GET /v1/assets/{id}/{filename}?w&amp;h&amp;fit&amp;fm&amp;q: libvips renditions, stripped, snapped, cached, immutable.</summary>
public sealed class RenditionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task GpsInTheUploadIsAbsentFromEveryRendition()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var original = Images.WithGps(Images.Solid(900, 600, "jpg"), "jpg");
        Assert.Contains("GPSLatitude", Images.Metadata(original), StringComparison.Ordinal);
        var asset = await Images.UploadedAsync(editor, original, "gps.jpg");
        var url = asset.GetProperty("url").GetString()!;

        var stored = await editor.GetByteArrayAsync(url);
        Assert.Equal(original, stored);
        foreach (var query in new[] { "w=320", "w=640&fm=webp", "w=480&fm=avif", "w=256&h=256&fit=cover&fm=png", "h=320&fm=jpeg&q=55" })
        {
            var rendition = await editor.GetByteArrayAsync($"{url}?{query}");
            var metadata = Images.Metadata(rendition);
            Assert.False(metadata.Contains("GPS", StringComparison.Ordinal) || metadata.Contains("ExifIFD", StringComparison.Ordinal), query + "\n" + metadata);
        }
    }

    [Fact]
    public async Task CoverCropsAroundTheFocalPoint()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var image = Images.RedLeftBlueRight(1200, 400);
        var right = await Images.UploadedAsync(editor, image, "right.jpg", ("focalX", "0.9"), ("focalY", "0.5"));
        var left = await Images.UploadedAsync(editor, image, "left.jpg", ("focalX", "0.1"), ("focalY", "0.5"));

        var (w, h, blue) = Images.Probe(await editor.GetByteArrayAsync(right.GetProperty("url").GetString() + "?w=256&h=256&fit=cover&fm=png"));
        Assert.Equal((256, 256), (w, h));
        Assert.True(blue[2] > 150 && blue[0] < 80, $"expected blue at the centre of a crop around x=0.9, got {string.Join(',', blue)}");
        var (_, _, red) = Images.Probe(await editor.GetByteArrayAsync(left.GetProperty("url").GetString() + "?w=256&h=256&fit=cover&fm=png"));
        Assert.True(red[0] > 150 && red[2] < 80, $"expected red at the centre of a crop around x=0.1, got {string.Join(',', red)}");

        // inside keeps the whole picture: both colours, the aspect ratio kept.
        var inside = await editor.GetByteArrayAsync(right.GetProperty("url").GetString() + "?w=256&h=256&fm=png");
        Assert.Equal((256, 85), (Images.Probe(inside).Width, Images.Probe(inside).Height));
    }

    [Fact]
    public async Task SizesAreSnappedToStepsAndNeverEnlarged()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var url = (await Images.UploadedAsync(editor, Images.Solid(1000, 500, "png"), "wide.png")).GetProperty("url").GetString()!;
        var snapped = await editor.GetAsync(url + "?w=301&fm=png");
        var exact = await editor.GetAsync(url + "?w=320&fm=png");
        Assert.Equal(320, Images.Probe(await snapped.Content.ReadAsByteArrayAsync()).Width);
        Assert.Equal(snapped.Headers.ETag, exact.Headers.ETag);
        Assert.Equal(1000, Images.Probe(await editor.GetByteArrayAsync(url + "?w=2000&fm=png")).Width);
        Assert.Equal(snapped.Headers.ETag, (await editor.GetAsync(url + "?w=319&fm=png&q=100")).Headers.ETag);
        Assert.NotEqual(snapped.Headers.ETag, (await editor.GetAsync(url + "?w=320&fm=webp&q=100")).Headers.ETag);

        foreach (var bad in new[] { "w=0", "w=abc", "h=20000", "fit=fill", "fm=bmp", "q=0", "q=101" })
        {
            await (await editor.GetAsync($"{url}?{bad}")).AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        await (await editor.GetAsync(url.Replace("wide.png", "other.png", StringComparison.Ordinal))).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task FormatFollowsAcceptAndAnETagAnswers304()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var url = (await Images.UploadedAsync(editor, Images.Solid(800, 600, "jpg"), "accept.jpg")).GetProperty("url").GetString()! + "?w=640";
        foreach (var (accept, type, magic) in new[]
        {
            ("image/avif,image/webp,image/*,*/*;q=0.8", "image/avif", "ftyp"),
            ("image/webp,*/*", "image/webp", "WEBP"),
            ("image/avif;q=0,image/webp", "image/webp", "WEBP"),
            ("*/*", "image/jpeg", "\u00ff\u00d8"),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            var response = await editor.SendAsync(request);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.Contains(magic, Encoding.Latin1.GetString(await response.Content.ReadAsByteArrayAsync(), 0, 16), StringComparison.Ordinal);
            Assert.Contains("Accept", response.Headers.Vary);

            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.TryAddWithoutValidation("Accept", accept);
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            var notModified = await editor.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal(response.Headers.ETag, notModified.Headers.ETag);
        }
    }

    [Fact]
    public async Task SvgIsOnlyEverADownloadAndAnUploadPastMaxBytesIs413()
    {
        await using var configured = new ApiFactory()
            .With("Assets:AllowSvg", "true")
            .With("Assets:MaxBytes", "30000");
        await configured.InitializeAsync();
        using var editor = configured.Client(await configured.KeyAsync("editor"));
        var tooLarge = Images.Solid(2000, 2000, "png", "0 0 0").Concat(new byte[40_000]).ToArray();
        await (await Images.UploadAsync(editor, tooLarge, "large.png")).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        // SVG, when allowed, is only ever a download under a CSP that forbids everything.
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>");
        var diagram = await Images.UploadedAsync(editor, svg, "diagram.svg");
        Assert.Equal("image/svg+xml", diagram.GetProperty("contentType").GetString());
        var served = await editor.GetAsync(diagram.GetProperty("url").GetString());
        Assert.Equal("attachment", served.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("default-src 'none'", string.Join(" ", served.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Contains("sandbox", string.Join(" ", served.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        await (await editor.GetAsync(diagram.GetProperty("url").GetString() + "?w=64")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
