using System.Net;
using KetamineContent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace KetamineContent.Tests.Assets;

/// <summary>
/// The hostile walk for images: real JPEG, PNG, WebP, AVIF and GIF files whose size fields lie (patched to values
/// around and far past the limits), with flipped header bytes or cut short, uploaded and then rendered. Reproducible:
/// a fixed seed, printed. Every answer is 201 or a problem below 500; what is stored never exceeds the limits, and
/// what is rendered never exceeds its box.
/// </summary>
public sealed class HostileImageTests(HostileImageTests.Api api, ITestOutputHelper output) : IClassFixture<HostileImageTests.Api>
{
    private const int Seed = 20_261_207;
    private const int MaxPixels = 4_000_000;
    private const int MaxDimension = 4000;

    public sealed class Api : ApiFactory
    {
        public Api() => With("Assets:MaxPixels", $"{MaxPixels}").With("Assets:MaxDimension", $"{MaxDimension}").With("Assets:RenditionDiskBytes", "0");
    }

    private static readonly int[] Sizes = [0, 1, 2, 100, 299, 300, 301, 2000, 4000, 4001, 16383, 16384, 65535];

    [Fact]
    public async Task LyingCutAndFlippedImageHeadersAreRefusedOrRenderedWithinTheLimits()
    {
        output.WriteLine($"seed {Seed}");
        var random = new Random(Seed);
        using var editor = api.Client(await api.KeyAsync("editor"));
        var originals = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["jpg"] = Images.Noise(300, 200, "jpg"),
            ["png"] = Images.Noise(300, 200, "png"),
            ["webp"] = LyingImages.ExtendedWebP(300, 200),
            ["avif"] = Images.Solid(300, 200, "avif"),
            ["gif"] = Images.Solid(300, 200, "gif"),
        };

        var outcomes = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 120; i++)
        {
            var (kind, original) = originals.ElementAt(random.Next(originals.Count));
            var (w, h) = (Sizes[random.Next(Sizes.Length)], Sizes[random.Next(Sizes.Length)]);
            var (label, bytes) = random.Next(4) switch
            {
                0 => ($"{kind} cut", original[..random.Next(8, original.Length)]),
                1 => ($"{kind} flipped", Flip(original, random)),
                _ => ($"{kind} says {w} x {h}", Lie(kind, original, w, h)),
            };

            var upload = await Images.UploadAsync(editor, bytes, "hostile." + kind, "image/" + kind);
            outcomes[upload.StatusCode] = outcomes.GetValueOrDefault(upload.StatusCode) + 1;
            if (upload.StatusCode != HttpStatusCode.Created)
            {
                Assert.True(upload.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, $"{label}: {(int)upload.StatusCode}");
                await upload.AssertProblemAsync(upload.StatusCode);
                continue;
            }

            var asset = await upload.JsonAsync();
            var (sw, sh) = (asset.GetProperty("width").GetInt32(), asset.GetProperty("height").GetInt32());
            Assert.True((long)sw * sh <= MaxPixels && Math.Max(sw, sh) <= MaxDimension, $"{label}: stored as {sw} x {sh}");
            if (Decodes(bytes) is { } real)
            {
                Assert.True(real == (sw, sh), $"{label}: stored as {sw} x {sh}, the decoder reads {real.Width} x {real.Height}");
            }

            var rendition = await editor.GetAsync(asset.GetProperty("url").GetString() + "?w=320&h=320&fm=png");
            if (rendition.StatusCode == HttpStatusCode.OK)
            {
                var (rw, rh, _) = Images.Probe(await rendition.Content.ReadAsByteArrayAsync());
                Assert.True(rw <= 320 && rh <= 320, $"{label}: rendered {rw} x {rh}");
            }
            else
            {
                await rendition.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
            }
        }

        output.WriteLine(string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{(int)o.Key}: {o.Value}")));
        Assert.True(outcomes.GetValueOrDefault(HttpStatusCode.Created) > 0 && outcomes.GetValueOrDefault(HttpStatusCode.BadRequest) > 0);
    }

    /// <summary>The size the decoder reads from the bytes (null when it cannot).</summary>
    private static (int Width, int Height)? Decodes(byte[] bytes)
    {
        try
        {
            using var image = NetVips.Image.NewFromBuffer(bytes, access: NetVips.Enums.Access.Sequential);
            return (image.Width, image.Height);
        }
        catch (NetVips.VipsException)
        {
            return null;
        }
    }

    private static byte[] Lie(string kind, byte[] original, int w, int h) => kind switch
    {
        "jpg" => LyingImages.JpegWithFrameSize(original, w, h),
        "png" => LyingImages.PngWithSize(original, w, h),
        "webp" => LyingImages.WebPWithCanvas(original, Math.Max(1, w), Math.Max(1, h)),
        "avif" => LyingImages.AvifWithDecoy(original, w, h),
        _ => LyingImages.GifWithScreen(original, w, h),
    };

    private static byte[] Flip(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        for (var k = 0; k < 4; k++)
        {
            bytes[random.Next(Math.Min(bytes.Length, 64))] ^= (byte)(1 << random.Next(8));
        }

        return bytes;
    }
}
