using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Assets;

/// <summary>POST /v1/manage/assets: the type from the bytes, limits before decoding, alt text, storage once per SHA-256.</summary>
public sealed class UploadTests(UploadTests.Api api) : IClassFixture<UploadTests.Api>
{
    /// <summary>The API with webhook targets on loopback allowed (the subscription below is never reached).</summary>
    public sealed class Api : ApiFactory
    {
        public Api() => With("Webhooks:AllowPrivateTargets", "true");
    }

    [Fact]
    public async Task AnImageWithAltTextIsStoredWithItsMetadata()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var bytes = Images.Solid(640, 480, "jpg");
        var response = await Images.UploadAsync(editor, bytes, "Treatment Room (1).jpg", fields: [("caption", "The room"), ("credit", "Clinic staff"), ("license", "CC BY 4.0"), ("focalX", "0.25"), ("focalY", "0.75")]);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal($"/v1/manage/assets/{body.GetProperty("id").GetGuid()}", response.Headers.Location!.OriginalString);
        Assert.Equal("Treatment-Room-1.jpg", body.GetProperty("filename").GetString());
        Assert.Equal("image/jpeg", body.GetProperty("contentType").GetString());
        Assert.Equal(bytes.Length, body.GetProperty("bytes").GetInt64());
        Assert.Equal(640, body.GetProperty("width").GetInt32());
        Assert.Equal(480, body.GetProperty("height").GetInt32());
        Assert.Equal("A treatment room with a reclining chair", body.GetProperty("alt").GetString());
        Assert.False(body.GetProperty("decorative").GetBoolean());
        Assert.Equal("The room", body.GetProperty("caption").GetString());
        Assert.Equal("CC BY 4.0", body.GetProperty("license").GetString());
        Assert.Equal(0.25, body.GetProperty("focal").GetProperty("x").GetDouble());
        Assert.Equal(0.75, body.GetProperty("focal").GetProperty("y").GetDouble());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), body.GetProperty("sha256").GetString());
        Assert.Equal($"/v1/assets/{body.GetProperty("id").GetGuid()}/Treatment-Room-1.jpg", body.GetProperty("url").GetString());
    }

    [Fact]
    public async Task TheTypeComesFromTheBytesNotTheNameOrHeader()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var html = Encoding.UTF8.GetBytes("<!doctype html><html><body><script>alert(1)</script></body></html>");
        var refused = await Images.UploadAsync(editor, html, "photo.jpg", "image/jpeg");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("read from the bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var png = await Images.UploadedAsync(editor, Images.Solid(50, 40, "png"), "chart.jpg");
        Assert.Equal("image/png", png.GetProperty("contentType").GetString());
        Assert.Equal("chart.png", png.GetProperty("filename").GetString());

        foreach (var (extension, type) in new[] { ("webp", "image/webp"), ("avif", "image/avif"), ("gif", "image/gif") })
        {
            var uploaded = await Images.UploadedAsync(editor, Images.Solid(70, 30, extension), "file.bin");
            Assert.Equal(type, uploaded.GetProperty("contentType").GetString());
            Assert.Equal(70, uploaded.GetProperty("width").GetInt32());
            Assert.Equal(30, uploaded.GetProperty("height").GetInt32());
        }

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        var leaflet = await Images.UploadAsync(editor, pdf, "leaflet.pdf", "application/pdf", alt: null);
        Assert.Equal("application/pdf", (await leaflet.JsonAsync()).GetProperty("contentType").GetString());

        var svg = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>");
        await (await Images.UploadAsync(editor, svg, "diagram.svg", "image/svg+xml")).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ADecompressionBombIsRefusedFromItsHeader()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var bomb = LyingImages.PngWithSize(Images.Solid(10, 10, "png"), 100_000, 100_000);
        Assert.True(bomb.Length < 1024);
        var problem = await (await Images.UploadAsync(editor, bomb, "bomb.png", "image/png")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("10000000000 pixels", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));

        var tall = await (await Images.UploadAsync(editor, LyingImages.PngWithSize(Images.Solid(10, 10, "png"), 20, 20_000), "tall.png", "image/png")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("no side may exceed", tall.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGifFrameLargerThanItsScreenIsRefused()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var gif = GifWithFrame(screen: 1, left: 0, frame: 8000);
        Assert.Equal(35, gif.Length);
        var problem = await (await Images.UploadAsync(editor, gif, "frame.gif", "image/gif")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("8000 x 8000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var offset = await (await Images.UploadAsync(editor, GifWithFrame(screen: 1, left: 13000, frame: 1), "offset.gif", "image/gif")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("no side may exceed", offset.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A GIF89a with a square logical screen, a global colour table of two entries and one square frame at (left, 0).</summary>
    public static byte[] GifWithFrame(ushort screen, ushort left, ushort frame)
    {
        static byte[] U16(ushort v) => [(byte)v, (byte)(v >> 8)];
        return
        [
            .. "GIF89a"u8, .. U16(screen), .. U16(screen), 0x80, 0, 0, 0, 0, 0, 255, 255, 255,
            0x2C, .. U16(left), .. U16(0), .. U16(frame), .. U16(frame), 0, 2, 2, 0x4C, 0x01, 0, 0x3B,
        ];
    }

    [Fact]
    public async Task AnImageNeedsAltTextUnlessDecorative()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var image = Images.Solid(20, 20, "png");
        var problem = await (await Images.UploadAsync(editor, image, "a.png", alt: null)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("alt", out _));
        await (await Images.UploadAsync(editor, image, "a.png", alt: "   ")).AssertProblemAsync(HttpStatusCode.BadRequest);
        var focal = await (await Images.UploadAsync(editor, image, "a.png", fields: ("focalX", "1.5"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(focal.GetProperty("errors").TryGetProperty("focalX", out _));

        var decorative = await Images.UploadAsync(editor, image, "divider.png", alt: null, fields: ("decorative", "true"));
        Assert.True((await decorative.JsonAsync()).GetProperty("decorative").GetBoolean());
    }

    [Fact]
    public async Task TheSameBytesAreStoredOnceAndDeletedWithTheirLastAsset()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var bytes = Images.Solid(33, 44, "png", "1 2 3");
        var first = await Images.UploadedAsync(editor, bytes, "one.png");
        var second = await Images.UploadedAsync(editor, bytes, "two.png");
        Assert.NotEqual(first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid());
        var sha = SHA256.HashData(bytes);
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM asset_blob WHERE sha256 = @sha", new { sha }));
        Assert.Equal(bytes, await db.ExecuteScalarAsync<byte[]>("SELECT content FROM asset_blob WHERE sha256 = @sha", new { sha }));

        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/v1/manage/assets/{first.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM asset_blob WHERE sha256 = @sha", new { sha }));
        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/v1/manage/assets/{second.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM asset_blob WHERE sha256 = @sha", new { sha }));
        await (await editor.GetAsync($"/v1/manage/assets/{first.GetProperty("id").GetGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MetadataChangesNeedIfMatchAndAreAuditedWithWebhookEvents()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        await (await admin.PostAsJsonAsync("/v1/manage/webhooks", new { url = "http://127.0.0.1:9/assets", events = new[] { "asset.created", "asset.updated", "asset.deleted" } })).JsonAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        var asset = await Images.UploadedAsync(editor, Images.Solid(30, 30, "png", "9 9 9"), "meta.png");
        var id = asset.GetProperty("id").GetGuid();
        var change = new { alt = "A nurse checks blood pressure", decorative = false, caption = "Monitoring", credit = (string?)null, license = (string?)null, focalX = 0.1, focalY = 0.2 };

        await (await editor.PutAsJsonAsync($"/v1/manage/assets/{id}", change)).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await Put(editor, id, "\"7\"", change)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await Put(editor, id, "\"1\"", change with { alt = "" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var updated = await Put(editor, id, "\"1\"", change);
        var body = await updated.JsonAsync();
        Assert.Equal("\"2\"", updated.Headers.ETag!.Tag);
        Assert.Equal("A nurse checks blood pressure", body.GetProperty("alt").GetString());
        Assert.Equal(0.1, body.GetProperty("focal").GetProperty("x").GetDouble());
        await (await Put(editor, id, "\"1\"", change)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/v1/manage/assets/{id}")).StatusCode);

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(["asset.created", "asset.updated", "asset.deleted"],
            (await db.QueryAsync<string>("SELECT action FROM audit_log WHERE asset_id = @id ORDER BY id", new { id })).ToArray());
        Assert.Equal(["asset.created", "asset.updated", "asset.deleted"],
            (await db.QueryAsync<string>("SELECT d.event_type FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE e.asset_id = @id ORDER BY e.id", new { id })).ToArray());
    }

    [Fact]
    public async Task TheListFiltersAndPages()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var word = "zebra" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            await Images.UploadedAsync(editor, Images.Solid(10 + i, 10, "png"), $"{word}-{i}.png");
        }

        var decorative = await Images.UploadAsync(editor, Images.Solid(12, 12, "gif"), $"{word}-divider.gif", alt: null, fields: ("decorative", "true"));
        var decorativeId = (await decorative.JsonAsync()).GetProperty("id").GetGuid();
        var first = await (await editor.GetAsync($"/v1/manage/assets?q={word}&limit=2")).JsonAsync();
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var second = await (await editor.GetAsync($"/v1/manage/assets?q={word}&limit=2&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}")).JsonAsync();
        Assert.Equal(2, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKindNull, second.GetProperty("nextCursor").ValueKind);
        var missingAlt = await (await editor.GetAsync($"/v1/manage/assets?q={word}&missingAlt=true")).JsonAsync();
        Assert.Equal(decorativeId, Assert.Single(missingAlt.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var unused = await (await editor.GetAsync($"/v1/manage/assets?q={word}&unused=true&type=image")).JsonAsync();
        Assert.Equal(4, unused.GetProperty("items").GetArrayLength());
        var documents = await (await editor.GetAsync($"/v1/manage/assets?q={word}&type=document")).JsonAsync();
        Assert.Equal(0, documents.GetProperty("items").GetArrayLength());
        await (await editor.GetAsync("/v1/manage/assets?type=video")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await editor.GetAsync("/v1/manage/assets?cursor=nonsense")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await editor.GetAsync("/v1/manage/assets?limit=500")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await api.Client(null).GetAsync("/v1/manage/assets")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static async Task<HttpResponseMessage> Put(HttpClient client, Guid id, string ifMatch, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/manage/assets/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }
}
