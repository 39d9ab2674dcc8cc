using System.Net;
using System.Net.Http.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Delivery;

public sealed class AsOfTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AsOfReturnsTheRevisionReadersSawAtThatInstant()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var slug = Articles.NewSlug("asof");
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var id = await Articles.PublishedAsync(editor, reviewer, slug, "Version one");
        await Task.Delay(20);
        var betweenOneAndTwo = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await (await Articles.ReviseAsync(editor, id, "\"1\"", Articles.Body(slug, "Version two"))).JsonAsync();
        await (await Articles.ReviewAsync(reviewer, id, 2)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 2)).JsonAsync();
        await Task.Delay(20);
        var afterTwo = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { })).JsonAsync();
        await Task.Delay(20);
        var afterUnpublish = DateTimeOffset.UtcNow;

        async Task<HttpResponseMessage> At(DateTimeOffset t) => await reader.GetAsync($"/v1/articles/{slug}?asOf={Uri.EscapeDataString(t.ToString("O"))}");
        Assert.Equal("Version one", (await (await At(betweenOneAndTwo)).JsonAsync()).GetProperty("title").GetString());
        var two = await (await At(afterTwo)).JsonAsync();
        Assert.Equal("Version two", two.GetProperty("title").GetString());
        Assert.Equal(2, two.GetProperty("revision").GetInt32());
        await (await At(before)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await At(afterUnpublish)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/articles/{slug}")).StatusCode);
        await (await reader.GetAsync($"/v1/articles/{slug}?asOf=yesterday")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AWithdrawnArticleIs410WithTheReasonAndItsReplacement()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("withdrawn");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);
        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/archive", new { reason = "safety", replacementSlug = "ketamine-for-anxiety" })).JsonAsync();

        var problem = await (await api.Client(null).GetAsync($"/v1/articles/{slug}")).AssertProblemAsync(HttpStatusCode.Gone);
        Assert.Equal("safety", problem.GetProperty("reason").GetString());
        Assert.Equal("/v1/articles/ketamine-for-anxiety", problem.GetProperty("replacement").GetString());
    }
    [Fact]
    public async Task AnAsOfReadOfAnArticleWithdrawnForSafetyIs410AndAuditsReadItThroughTheManagementApi()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var slug = Articles.NewSlug("asof-withdrawn");
        var id = await Articles.PublishedAsync(editor, reviewer, slug, "Withdrawn for safety");
        await Task.Delay(20);
        var whilePublished = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));
        await Task.Delay(20);
        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { reason = "safety" })).JsonAsync();

        var problem = await (await reader.GetAsync($"/v1/articles/{slug}?asOf={whilePublished}")).AssertProblemAsync(HttpStatusCode.Gone);
        Assert.Equal("safety", problem.GetProperty("reason").GetString());
        await (await reader.GetAsync($"/v1/articles/{slug}?asOf={whilePublished}&format=jsonld")).AssertProblemAsync(HttpStatusCode.Gone);
        await (await reader.GetAsync($"/v1/articles/{slug}")).AssertProblemAsync(HttpStatusCode.Gone);

        var audit = await (await editor.GetAsync($"/v1/manage/articles/{id}/published?asOf={whilePublished}")).JsonAsync();
        Assert.Equal("Withdrawn for safety", audit.GetProperty("title").GetString());
        Assert.Equal(1, audit.GetProperty("revision").GetInt32());
        await (await editor.GetAsync($"/v1/manage/articles/{id}/published")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await editor.GetAsync($"/v1/manage/articles/{id}/published?asOf=soon")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await reader.GetAsync($"/v1/manage/articles/{id}/published?asOf={whilePublished}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
