using System.Net;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.EditorialConsole;

/// <summary>The editor's side-by-side preview over real HTTP: the unsaved form rendered as delivery's html format renders a saved one.</summary>
public sealed class ConsolePreviewTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheUnsavedFormIsRenderedWithItsImageNumberedCitationAndResolvedArticleLink()
    {
        var editorKey = await api.KeyAsync("editor");
        using var editor = api.Client(editorKey);
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var target = Articles.NewSlug("console-preview-target");
        await Articles.PublishedAsync(editor, reviewer, target);
        using var upload = await Images.UploadAsync(editor, Images.Solid(640, 400, "png"), "clinic-room.png", "image/png", "A quiet treatment room");
        var asset = (await upload.JsonAsync()).GetProperty("id").GetGuid();

        using var browser = new ConsoleBrowser(api.Client(null).BaseAddress!);
        await browser.SignInAsync(editorKey);
        await browser.PageAsync("/console/articles/new");
        var body = $"Nausea is common.[^nausea-study] See [the other guide](article:{target}) and [a missing one](article:no-such-article-anywhere).\n\n![Treatment room](asset:{asset})";
        using var response = await browser.PostJsonAsync("/console/articles/preview", new
        {
            baseRevision = 0, title = "Preview of an unsaved article", slug = "", locale = "en", topic = "depression", summary = "Unsaved.", disclaimer = "Not advice.",
            sections = new[] { new { kind = "side_effects", heading = "Side effects", body } },
            references = new[] { new { id = "nausea-study", title = "A study of nausea", url = "https://example.org/nausea" } },
        });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<sup class=\"citation\"><a href=\"#reference-nausea-study\">1</a></sup>", html, StringComparison.Ordinal);
        Assert.Contains("<li id=\"reference-nausea-study\" value=\"1\">", html, StringComparison.Ordinal);
        Assert.Matches($"<a href=\"[^\"]*/v1/articles/{target}\">the other guide</a>", html);
        Assert.Contains("a missing one", html, StringComparison.Ordinal);
        Assert.DoesNotContain("no-such-article-anywhere", html, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"/console/media/{asset}/clinic-room.png?w=640\" alt=\"Treatment room\"", html, StringComparison.Ordinal);
        Assert.Contains($"/console/media/{asset}/clinic-room.png?w=320 320w", html, StringComparison.Ordinal);
    }

    /// <summary>The preview parses bodies with Markdig: nesting past its limit is 400 naming the field, not a 500.</summary>
    [Fact]
    public async Task APreviewNestedTooDeepIs400NamingTheField()
    {
        using var browser = new ConsoleBrowser(api.Client(null).BaseAddress!);
        await browser.SignInAsync(await api.KeyAsync("editor"));
        await browser.PageAsync("/console/articles/new");
        var form = new { title = "t", sections = new[] { new { kind = "overview", heading = "h", body = Import.HostileDocuments.DeepQuotes(130) } } };
        using var response = await browser.PostJsonAsync("/console/articles/preview", form);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'sections[0].body' nests Markdown", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APreviewWithoutTheTokenOrOverTheBoundsIsRefused()
    {
        using var browser = new ConsoleBrowser(api.Client(null).BaseAddress!);
        await browser.SignInAsync(await api.KeyAsync("editor"));
        await browser.PageAsync("/console/articles/new");
        var form = new { title = "t", sections = new[] { new { kind = "overview", heading = "h", body = new string('x', 20_001) } } };
        using var tooLong = await browser.PostJsonAsync("/console/articles/preview", form);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
        using var forged = await browser.PostJsonAsync("/console/articles/preview", new { title = "t" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }
}
