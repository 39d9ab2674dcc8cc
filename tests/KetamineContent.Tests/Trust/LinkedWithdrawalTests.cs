using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KetamineContent.Tests.Caching;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Trust;

/// <summary>Who links here, and withdrawing an article that published articles link to: 409, a replacement, or force.</summary>
public sealed class LinkedWithdrawalTests(LinkApi api) : IClassFixture<LinkApi>
{
    private static string SideEffects(JsonElement article) =>
        article.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "side_effects").GetProperty("body").GetString()!;

    private async Task<(HttpClient Editor, HttpClient Reviewer)> ClientsAsync() =>
        (api.Client(await api.KeyAsync("editor")), api.Client(await api.KeyAsync("reviewer")));

    /// <summary>A second API node on the same database (its own cache, its own LISTEN connection).</summary>
    private async Task<LinkApi> SecondNodeAsync()
    {
        var other = new LinkApi();
        other.OnDatabase(api.ConnectionString);
        await other.InitializeAsync();
        return other;
    }

    [Fact]
    public async Task LinkedFromListsThePublishedArticlesThatLinkOrListItAsRelated()
    {
        var (editor, reviewer) = await ClientsAsync();
        var target = Articles.NewSlug("target");
        var targetId = await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(target, "Nausea can occur."));
        var linking = Articles.NewSlug("a-linking");
        var listing = Articles.NewSlug("b-listing");
        var both = Articles.NewSlug("c-both");
        var linkingId = await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(linking, $"See [the target](article:{target})."));
        await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(listing, "Nausea can occur.", related: [target]));
        await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(both, $"See [the target](article:{target}).", related: [target]));
        await Articles.CreateAsync(editor, Articles.NewSlug("draft-does-not-count"));
        (await editor.PostAsJsonAsync("/v1/manage/articles", LinkedArticles.Body(Articles.NewSlug("z-draft"), $"See [it](article:{target})."))).EnsureSuccessStatusCode();

        var list = await (await editor.GetAsync($"/v1/manage/articles/{targetId}/linked-from")).JsonAsync();
        Assert.Equal(targetId, list.GetProperty("articleId").GetGuid());
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([linking, listing, both], items.Select(i => i.GetProperty("slug").GetString()));
        Assert.Equal(linkingId, items[0].GetProperty("id").GetGuid());
        Assert.Equal(["link"], items[0].GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["related"], items[1].GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["link", "related"], items[2].GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("Ketamine and sleep", items[0].GetProperty("title").GetString());

        await (await editor.GetAsync($"/v1/manage/articles/{Guid.NewGuid()}/linked-from")).AssertProblemAsync(HttpStatusCode.NotFound);
        using var anonymous = api.Client(null);
        await (await anonymous.GetAsync($"/v1/manage/articles/{targetId}/linked-from")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("unpublish")]
    [InlineData("archive")]
    public async Task WithdrawingALinkedArticleIs409ListingTheLinkingArticlesAndChangesNothing(string action)
    {
        var (editor, reviewer) = await ClientsAsync();
        var target = Articles.NewSlug("target");
        var targetId = await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(target, "Nausea can occur."));
        var linking = Articles.NewSlug("linking");
        await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(linking, $"See [the target](article:{target})."));

        var refused = await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{targetId}/{action}", new { reason = "outdated" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        var listed = Assert.Single(refused.GetProperty("linkedFrom").EnumerateArray());
        Assert.Equal(linking, listed.GetProperty("slug").GetString());
        Assert.Contains(linking, refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("published", (await (await editor.GetAsync($"/v1/manage/articles/{targetId}")).JsonAsync()).GetProperty("status").GetString());

        // A draft that links to it does not hold it back.
        var unlinked = Articles.NewSlug("unlinked");
        var unlinkedId = await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(unlinked, "Nausea can occur."));
        (await editor.PostAsJsonAsync("/v1/manage/articles", LinkedArticles.Body(Articles.NewSlug("draft"), $"See [it](article:{unlinked})."))).EnsureSuccessStatusCode();
        (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{unlinkedId}/{action}", new { reason = "outdated" })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task WithAReplacementLinksLeadThereAndEveryNodeDropsTheLinkingArticles()
    {
        var (editor, reviewer) = await ClientsAsync();
        await using var other = await SecondNodeAsync();
        using var readerB = other.Client(null);
        var target = Articles.NewSlug("target");
        var replacement = Articles.NewSlug("replacement");
        var targetId = await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(target, "Nausea can occur."));
        await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(replacement, "Nausea can occur.", title: "The replacement"));
        var linking = Articles.NewSlug("linking");
        await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(linking, $"See [the target](article:{target}).", related: [target]));

        // Node B caches the linking article in two formats.
        var before = await (await readerB.GetAsync($"/v1/articles/{linking}")).JsonAsync();
        Assert.Equal($"See [the target]({LinkApi.Base}/v1/articles/{target}).", SideEffects(before));
        await (await readerB.GetAsync($"/v1/articles/{linking}?format=html")).JsonAsync();

        var bad = await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{targetId}/unpublish", new { reason = "outdated", replacementSlug = Articles.NewSlug("nothing") }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("replacementSlug", out _));

        (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{targetId}/unpublish", new { reason = "outdated", replacementSlug = replacement })).EnsureSuccessStatusCode();
        var expected = $"See [the target]({LinkApi.Base}/v1/articles/{replacement}).";
        var after = await CacheTests.PollAsync(readerB, $"/v1/articles/{linking}", a => SideEffects(a) == expected);
        Assert.Equal(expected, SideEffects(after));
        Assert.Equal("The replacement", after.GetProperty("related")[0].GetProperty("title").GetString());
        Assert.Equal(target, after.GetProperty("related")[0].GetProperty("slug").GetString());
        var html = await CacheTests.PollAsync(readerB, $"/v1/articles/{linking}?format=html", a => SideEffects(a).Contains(replacement, StringComparison.Ordinal));
        Assert.Contains($"<a href=\"{LinkApi.Base}/v1/articles/{replacement}\">the target</a>", SideEffects(html), StringComparison.Ordinal);

        // The replacement now has the linking article's readers: it is listed, and it cannot go without a replacement or force either.
        var replacementId = (await (await editor.GetAsync($"/v1/manage/articles?slug={replacement}")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
        var listed = await (await editor.GetAsync($"/v1/manage/articles/{replacementId}/linked-from")).JsonAsync();
        Assert.Equal(linking, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("slug").GetString());
        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{replacementId}/archive", new { reason = "outdated" })).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task WithForceLinksRenderAsPlainTextOnEveryNodeUntilTheTargetIsBack()
    {
        var (editor, reviewer) = await ClientsAsync();
        await using var other = await SecondNodeAsync();
        using var readerB = other.Client(null);
        var target = Articles.NewSlug("target");
        var targetId = await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(target, "Nausea can occur."));
        var linking = Articles.NewSlug("linking");
        await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(linking, $"See [the target](article:{target}) for more.", related: [target]));
        Assert.Single((await (await readerB.GetAsync($"/v1/articles/{linking}")).JsonAsync()).GetProperty("related").EnumerateArray());
        await (await readerB.GetAsync($"/v1/articles/{linking}?format=html")).JsonAsync();

        (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{targetId}/archive", new { force = true })).EnsureSuccessStatusCode();
        var after = await CacheTests.PollAsync(readerB, $"/v1/articles/{linking}", a => !SideEffects(a).Contains("](", StringComparison.Ordinal));
        Assert.Equal("See the target for more.", SideEffects(after));
        Assert.Empty(after.GetProperty("related").EnumerateArray());
        var html = await CacheTests.PollAsync(readerB, $"/v1/articles/{linking}?format=html", a => !SideEffects(a).Contains("<a ", StringComparison.Ordinal));
        Assert.Equal("<p>See the target for more.</p>", SideEffects(html));

        // Back again (unarchived and published): the links lead to it again, on every node.
        (await reviewer.PostAsync($"/v1/manage/articles/{targetId}/unarchive", null)).EnsureSuccessStatusCode();
        await (await Articles.PublishAsync(reviewer, targetId, 1)).JsonAsync();
        var back = await CacheTests.PollAsync(readerB, $"/v1/articles/{linking}", a => SideEffects(a).Contains("](", StringComparison.Ordinal));
        Assert.Equal($"See [the target]({LinkApi.Base}/v1/articles/{target}) for more.", SideEffects(back));
    }
}
