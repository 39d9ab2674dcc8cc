using System.Net;
using System.Net.Http.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Releases;

/// <summary>Links between the articles of one release, and a revert that would leave other articles' links dangling.</summary>
public sealed class ReleaseLinkTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ArticlesOfOneReleaseMayLinkToEachOtherAndARevertNeverLeavesOthersLinksDangling()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var newSlug = Articles.NewSlug("release-target");
        var (target, _, _) = await Articles.CreateAsync(editor, newSlug);
        await (await Articles.ReviewAsync(reviewer, target, 1)).JsonAsync();

        // An existing article's next revision links to the new one: alone it may not be published (the link leads nowhere).
        var linkingSlug = Articles.NewSlug("release-linking");
        var linking = await Articles.PublishedAsync(editor, reviewer, linkingSlug);
        await (await Articles.ReviseAsync(editor, linking, "\"1\"",
            Articles.Body(linkingSlug, sideEffects: $"Nausea can follow a session; see [the new article](article:{newSlug})."))).JsonAsync();
        await (await Articles.ReviewAsync(reviewer, linking, 2)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, linking, 2)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        // In one release with its target, both publish together.
        var (release, etag) = await ReleaseCalls.CreateAsync(editor, "A new article and the link to it");
        etag = await ReleaseCalls.AddAsync(editor, release, etag, linking, 2);
        etag = await ReleaseCalls.AddAsync(editor, release, etag, target, 1);
        var validation = await (await editor.PostAsync($"/v1/manage/releases/{release}/validate", null)).JsonAsync();
        Assert.True(validation.GetProperty("publishable").GetBoolean(), validation.ToString());
        var published = await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, $"/v1/manage/releases/{release}/publish", etag, new { });
        Assert.Equal("published", (await published.JsonAsync()).GetProperty("state").GetString());
        var html = await (await reader.GetAsync($"/v1/articles/{linkingSlug}?format=html")).Content.ReadAsStringAsync();
        Assert.Contains($"/v1/articles/{newSlug}", html, StringComparison.Ordinal);

        // A third article, outside the release, links to the new one: reverting would take it off the site under that link.
        var outsideSlug = Articles.NewSlug("release-outside");
        var (outside, _, _) = await Articles.CreateAsync(editor, outsideSlug);
        await (await Articles.ReviseAsync(editor, outside, "\"1\"",
            Articles.Body(outsideSlug, sideEffects: $"See [the new article](article:{newSlug})."))).JsonAsync();
        await (await Articles.ReviewAsync(reviewer, outside, 2)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, outside, 2)).JsonAsync();

        var refused = await (await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, $"/v1/manage/releases/{release}/revert", published.Headers.ETag!.Tag))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(outsideSlug, refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/articles/{newSlug}")).StatusCode);
        Assert.Equal("published", (await (await editor.GetAsync($"/v1/manage/releases/{release}")).JsonAsync()).GetProperty("state").GetString());

        // Once the outside article no longer links there, the revert goes through: the linking article is back at revision 1.
        await (await Articles.ReviseAsync(editor, outside, "\"2\"", Articles.Body(outsideSlug))).JsonAsync();
        await (await Articles.ReviewAsync(reviewer, outside, 3)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, outside, 3)).JsonAsync();
        var current = await editor.GetAsync($"/v1/manage/releases/{release}");
        await current.JsonAsync();
        var reverted = await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, $"/v1/manage/releases/{release}/revert", current.Headers.ETag!.Tag);
        Assert.Equal("reverted", (await reverted.JsonAsync()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, await Served.StatusAsync(reader, newSlug, HttpStatusCode.NotFound));
    }
}
