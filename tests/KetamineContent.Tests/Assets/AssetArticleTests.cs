using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Assets;

/// <summary>Images in sections as ![alt](asset:{id}): publish checks, delivery, HTML, JSON-LD, sync, and who may fetch them when.</summary>
public sealed class AssetArticleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task APreviewerSeesTheImagesOfArticlesItMayPreviewAndNoOtherUpload()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var previewer = api.Client(await api.KeyAsync("previewer"));
        var used = await Images.UploadedAsync(editor, Images.Solid(400, 300, "jpg"), "draft.jpg");
        var unused = await Images.UploadedAsync(editor, Images.Solid(400, 300, "jpg", "200 40 40"), "private.jpg");
        await (await editor.PostAsJsonAsync("/v1/manage/articles",
            Articles.Body(Articles.NewSlug("preview-images"), sideEffects: $"Nausea can follow a session.\n\n![A reclining chair](asset:{used.GetProperty("id").GetGuid()})"))).JsonAsync();

        // The draft's image is part of what the previewer may preview: the original and its renditions.
        Assert.Equal(HttpStatusCode.OK, (await previewer.GetAsync(used.GetProperty("url").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await previewer.GetAsync(used.GetProperty("url").GetString() + "?w=64")).StatusCode);
        // An upload no article uses is not: the previewer key gets what an anonymous reader gets.
        await (await previewer.GetAsync(unused.GetProperty("url").GetString())).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await previewer.GetAsync(unused.GetProperty("url").GetString() + "?w=64")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(unused.GetProperty("url").GetString())).StatusCode);
    }

    [Fact]
    public async Task AnEditorsImageReachesReadersOnlyOncePublishedWithSrcsetRenditions()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var asset = await Images.UploadedAsync(editor, Images.Solid(1200, 800, "jpg"), "room.jpg", ("caption", "The treatment room"), ("credit", "Clinic staff"));
        var assetId = asset.GetProperty("id").GetGuid();
        var url = asset.GetProperty("url").GetString()!;
        var slug = Articles.NewSlug("images");
        var created = await (await editor.PostAsJsonAsync("/v1/manage/articles",
            Articles.Body(slug, sideEffects: $"Nausea can follow a session.\n\n![A reclining chair in a quiet room](asset:{assetId})"))).JsonAsync();
        var id = created.GetProperty("id").GetGuid();

        // A draft's image does not leak; editors still see it (never cached publicly).
        await (await reader.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        var editorView = await editor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, editorView.StatusCode);
        Assert.True(editorView.Headers.CacheControl is { Private: true, NoStore: true });

        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync();

        var article = await (await reader.GetAsync($"/v1/articles/{slug}")).JsonAsync();
        var listed = Assert.Single(article.GetProperty("assets").EnumerateArray());
        Assert.Equal(assetId, listed.GetProperty("id").GetGuid());
        Assert.Equal(url, listed.GetProperty("url").GetString());
        Assert.Equal(1200, listed.GetProperty("width").GetInt32());
        Assert.Equal(800, listed.GetProperty("height").GetInt32());
        Assert.Equal("A treatment room with a reclining chair", listed.GetProperty("alt").GetString());
        Assert.Equal("The treatment room", listed.GetProperty("caption").GetString());
        Assert.Equal("Clinic staff", listed.GetProperty("credit").GetString());
        var srcset = listed.GetProperty("srcset").GetString()!;
        Assert.Equal($"{url}?w=320 320w, {url}?w=640 640w, {url}?w=960 960w, {url}?w=1200 1200w", srcset);

        var html = await (await reader.GetAsync($"/v1/articles/{slug}?format=html")).JsonAsync();
        var body = html.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "side_effects").GetProperty("body").GetString()!;
        Assert.Contains($"<img src=\"{url}?w=800\" alt=\"A reclining chair in a quiet room\" width=\"1200\" height=\"800\" loading=\"lazy\" " +
                        $"srcset=\"{srcset}\" sizes=\"(max-width: 800px) 100vw, 800px\">", body, StringComparison.Ordinal);

        // Every srcset URL answers AVIF or WebP by Accept, cached and immutable.
        foreach (var candidate in srcset.Split(", ").Select(e => e.Split(' ')[0]))
        {
            var avif = await GetAsync(reader, candidate, "image/avif,image/webp,*/*");
            Assert.Equal("image/avif", avif.Content.Headers.ContentType!.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", string.Join(", ", avif.Headers.GetValues("Cache-Control")));
            Assert.Contains("Accept", avif.Headers.Vary);
            var webp = await GetAsync(reader, candidate, "image/webp,*/*");
            Assert.Equal("image/webp", webp.Content.Headers.ContentType!.MediaType);
            var (width, _, _) = Images.Probe(await webp.Content.ReadAsByteArrayAsync());
            Assert.Equal(int.Parse(candidate[(candidate.IndexOf("w=", StringComparison.Ordinal) + 2)..], System.Globalization.CultureInfo.InvariantCulture), width);
        }

        // The original is public only while a published revision uses it: cached briefly, never immutable.
        var original = await reader.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("public, max-age=60, s-maxage=300, stale-while-revalidate=600, stale-if-error=86400", string.Join(", ", original.Headers.GetValues("Cache-Control")));

        var jsonLd = await (await reader.GetAsync($"/v1/articles/{slug}?format=jsonld")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith(url, Assert.Single(jsonLd.GetProperty("image").EnumerateArray()).GetProperty("url").GetString(), StringComparison.Ordinal);

        var sync = await (await reader.GetAsync("/v1/sync?limit=100")).JsonAsync();
        var synced = sync.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal(srcset, Assert.Single(synced.GetProperty("assets").EnumerateArray()).GetProperty("srcset").GetString());

        // In use: deleting is refused, naming the article; usage says where.
        var conflict = await (await editor.DeleteAsync($"/v1/manage/assets/{assetId}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(slug, Assert.Single(conflict.GetProperty("articles").EnumerateArray()).GetProperty("slug").GetString());
        var usage = await (await editor.GetAsync($"/v1/manage/assets/{assetId}/usage")).JsonAsync();
        var use = Assert.Single(usage.GetProperty("articles").EnumerateArray());
        Assert.True(use.GetProperty("inPublished").GetBoolean());
        Assert.True(use.GetProperty("inLatest").GetBoolean());

        // Withdrawn: the image is no longer public.
        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { })).JsonAsync();
        await WaitForAsync(async () => (await reader.GetAsync(url)).StatusCode == HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PublishingRefusesAMissingAssetAndAnImageWithoutAltText()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var missing = Guid.NewGuid();
        var slug = Articles.NewSlug("broken-images");
        var created = await (await editor.PostAsJsonAsync("/v1/manage/articles",
            Articles.Body(slug, sideEffects: $"Dizziness.\n\n![A chart](asset:{missing})\n\n![](https://example.org/chart.png)"))).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        var problem = await (await Articles.PublishAsync(reviewer, id, 1)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var reasons = problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains($"The section 'side_effects' refers to the asset {missing}, which does not exist.", reasons);
        Assert.Contains("An image in the section 'side_effects' has no alt text.", reasons);

        // The asset's own alt text stands in for an image written without any; a decorative image needs none.
        var described = await Images.UploadedAsync(editor, Images.Solid(40, 40, "png"), "described.png");
        var decorative = await (await Images.UploadAsync(editor, Images.Solid(40, 40, "gif"), "line.gif", alt: null, fields: ("decorative", "true"))).JsonAsync();
        var fixedBody = Articles.Body(slug, sideEffects: $"Dizziness.\n\n![](asset:{described.GetProperty("id").GetGuid()})\n\n![](asset:{decorative.GetProperty("id").GetGuid()})");
        await (await Articles.ReviseAsync(editor, id, "\"1\"", fixedBody)).JsonAsync();
        await (await Articles.ReviewAsync(reviewer, id, 2)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 2)).JsonAsync();
        var html = await (await api.Client(null).GetAsync($"/v1/articles/{slug}?format=html")).JsonAsync();
        var body = html.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "side_effects").GetProperty("body").GetString()!;
        Assert.Contains("alt=\"A treatment room with a reclining chair\"", body, StringComparison.Ordinal);
        Assert.Contains("alt=\"\"", body, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(await condition());
    }
}
