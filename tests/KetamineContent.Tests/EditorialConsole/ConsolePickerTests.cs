using System.Net;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.EditorialConsole;

/// <summary>What the editor toolbar's pickers list, over real HTTP with a console session.</summary>
public sealed class ConsolePickerTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task PickersListArticlesByTitleAndImagesWithThumbnails()
    {
        var key = await api.KeyAsync("editor");
        using var editor = api.Client(key);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var slug = Articles.NewSlug("console-pick");
        await Articles.CreateAsync(editor, slug, $"Sleep and ketamine {tag}");
        using var upload = await Images.UploadAsync(editor, Images.Solid(200, 100, "png"), $"room-{tag}.png", "image/png", "A quiet room");
        var asset = (await upload.JsonAsync()).GetProperty("id").GetGuid();

        using var browser = new ConsoleBrowser(api.Client(null).BaseAddress!);
        await browser.SignInAsync(key);
        using var articles = await browser.GetAsync($"/console/pick/articles?q={tag}");
        var found = (await articles.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(slug, Assert.Single(found).GetProperty("slug").GetString());

        using var images = await browser.GetAsync($"/console/pick/images?q=room-{tag}");
        var image = Assert.Single((await images.JsonAsync()).EnumerateArray());
        Assert.Equal(asset, image.GetProperty("id").GetGuid());
        Assert.Equal("A quiet room", image.GetProperty("alt").GetString());
        Assert.Equal($"/console/media/{asset}/room-{tag}.png?w=160", image.GetProperty("thumbnail").GetString());

        using var tooLong = await browser.GetAsync($"/console/pick/articles?q={new string('x', 201)}");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PickersNeedAConsoleSession()
    {
        using var anonymous = new ConsoleBrowser(api.Client(null).BaseAddress!);
        using var response = await anonymous.GetAsync("/console/pick/images");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }
}
