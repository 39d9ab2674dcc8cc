using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Trust;

/// <summary>[text](article:slug) links and 'related' resolve at render; publishing refuses a link that leads nowhere.</summary>
public sealed class ArticleLinkTests(LinkApi api) : IClassFixture<LinkApi>
{
    private const string Anxiety = "ketamine-for-anxiety";

    private static string Body(JsonElement article, string kind) =>
        article.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == kind).GetProperty("body").GetString()!;

    [Fact]
    public async Task LinksResolveToTheTargetsPublicUrlInMarkdownHtmlAndText()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var draft = Articles.NewSlug("draft-target");
        await Articles.CreateAsync(editor, draft);
        var slug = Articles.NewSlug("linking");
        await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(slug,
            $"Nausea can follow a session; see [ketamine for anxiety](article:{Anxiety}).", related: [Anxiety, draft]));

        var json = await (await reader.GetAsync($"/v1/articles/{slug}")).JsonAsync();
        Assert.Equal($"Nausea can follow a session; see [ketamine for anxiety]({LinkApi.Base}/v1/articles/{Anxiety}).", Body(json, "side_effects"));
        var related = json.GetProperty("related").EnumerateArray().ToList();
        var only = Assert.Single(related);
        Assert.Equal(Anxiety, only.GetProperty("slug").GetString());
        Assert.Equal("Ketamine for anxiety", only.GetProperty("title").GetString());
        Assert.Equal($"{LinkApi.Base}/v1/articles/{Anxiety}", only.GetProperty("url").GetString());

        var html = await (await reader.GetAsync($"/v1/articles/{slug}?format=html")).JsonAsync();
        Assert.Contains($"<a href=\"{LinkApi.Base}/v1/articles/{Anxiety}\">ketamine for anxiety</a>", Body(html, "side_effects"), StringComparison.Ordinal);
        var text = await (await reader.GetAsync($"/v1/articles/{slug}/sections/side_effects?format=text")).JsonAsync();
        Assert.Equal("Nausea can follow a session; see ketamine for anxiety.", text.GetProperty("section").GetProperty("body").GetString());
    }

    [Fact]
    public async Task ALinkLeadsToTheTargetsTranslationInTheReadersLocaleWhenItHasOne()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var target = Articles.NewSlug("target");
        var other = Articles.NewSlug("untranslated");
        await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(target, "Nausea can occur.", title: "Target in English"));
        await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(target, "Übelkeit ist möglich.", locale: "de", title: "Ziel auf Deutsch"));
        await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(other, "Nausea can occur."));
        var source = Articles.NewSlug("source");
        var links = $"See [the target](article:{target}) and [the other](article:{other}).";
        await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(source, links, related: [target]));
        await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(source, links, related: [target], locale: "de"));

        var english = await (await reader.GetAsync($"/v1/articles/{source}")).JsonAsync();
        Assert.Equal($"See [the target]({LinkApi.Base}/v1/articles/{target}) and [the other]({LinkApi.Base}/v1/articles/{other}).", Body(english, "side_effects"));
        Assert.Equal("Target in English", english.GetProperty("related")[0].GetProperty("title").GetString());

        var german = await (await reader.GetAsync($"/v1/articles/{source}?locale=de")).JsonAsync();
        Assert.Equal("de", german.GetProperty("locale").GetString());
        Assert.Equal($"See [the target]({LinkApi.Base}/v1/articles/{target}?locale=de) and [the other]({LinkApi.Base}/v1/articles/{other}).", Body(german, "side_effects"));
        Assert.Equal("Ziel auf Deutsch", german.GetProperty("related")[0].GetProperty("title").GetString());
        Assert.Equal($"{LinkApi.Base}/v1/articles/{target}?locale=de", german.GetProperty("related")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task PublishingWithALinkToAnUnpublishedArticleIs422ListingTheLinkAndWritesNothing()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var draft = Articles.NewSlug("draft");
        await Articles.CreateAsync(editor, draft);
        var missing = Articles.NewSlug("missing");
        var created = await (await editor.PostAsJsonAsync("/v1/manage/articles", LinkedArticles.Body(Articles.NewSlug("linking"),
            $"See [a draft](article:{draft}), [nothing](article:{missing}) and [anxiety](article:{Anxiety})."))).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();

        var refused = await (await Articles.PublishAsync(reviewer, id, 1)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var reasons = refused.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.Contains($"'article:{draft}'", reasons[0], StringComparison.Ordinal);
        Assert.Contains($"'article:{missing}'", reasons[1], StringComparison.Ordinal);
        Assert.Contains($"article:{draft}", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var after = await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync();
        Assert.Equal("draft", after.GetProperty("status").GetString());

        // The release check other features call gives the same answer.
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal([draft, missing], await KetamineContent.Api.Trust.ArticleLinks.BrokenAsync(db, null, id, 1, CancellationToken.None));
    }

    [Theory]
    [InlineData("side_effects", "See [this](article:Not_A_Slug).", null, "sections")]
    [InlineData("side_effects", "Nausea can occur.", "[\"Bad Slug\"]", "related")]
    [InlineData("side_effects", "Nausea can occur.", "[\"ketamine-for-anxiety\", \"ketamine-for-anxiety\"]", "related")]
    [InlineData("side_effects", "Nausea can occur.", "[42]", null)]
    public async Task MalformedLinksAndRelatedEntriesAre400AndWriteNothing(string kind, string body, string? related, string? field)
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var slug = Articles.NewSlug("malformed");
        var input = LinkedArticles.Body(slug, kind == "side_effects" ? body : "Nausea can occur.");
        if (related is not null)
        {
            input["related"] = System.Text.Json.Nodes.JsonNode.Parse(related);
        }

        var problem = await (await editor.PostAsJsonAsync("/v1/manage/articles", input)).AssertProblemAsync(HttpStatusCode.BadRequest);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        var list = await (await editor.GetAsync($"/v1/manage/articles?slug={slug}")).JsonAsync();
        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task RelatedRoundTripsThroughTheRevisionsContentAndAMergePatch()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var draft = Articles.NewSlug("draft-related");
        var slug = Articles.NewSlug("round-trip-related");
        var created = await (await editor.PostAsJsonAsync("/v1/manage/articles", LinkedArticles.Body(slug, "Nausea can occur.", related: [draft, Anxiety]))).JsonAsync();
        var id = created.GetProperty("id").GetGuid();

        var content = (await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/1")).JsonAsync()).GetProperty("content");
        var shown = content.GetProperty("related").EnumerateArray().ToList();
        Assert.Equal([draft, Anxiety], shown.Select(r => r.GetProperty("slug").GetString()));
        Assert.Equal(JsonValueKind.Null, shown[0].GetProperty("url").ValueKind);
        Assert.Equal($"{LinkApi.Base}/v1/articles/{Anxiety}", shown[1].GetProperty("url").GetString());

        (await Articles.ReviseAsync(editor, id, "\"1\"", content)).EnsureSuccessStatusCode();
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/v1/manage/articles/{id}")
        {
            Content = new StringContent("{\"title\":\"Patched\"}", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        (await editor.SendAsync(patch)).EnsureSuccessStatusCode();
        var three = (await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/3")).JsonAsync()).GetProperty("content");
        Assert.Equal([draft, Anxiety], three.GetProperty("related").EnumerateArray().Select(r => r.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task RelatedListsOnlyPublishedArticlesEachOnceAndNeverTheArticleItself()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var first = Articles.NewSlug("related-first");
        var second = Articles.NewSlug("related-second");
        var draft = Articles.NewSlug("related-draft");
        var unknown = Articles.NewSlug("related-unknown");
        var firstId = await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(first, "Nausea can occur."));
        var secondId = await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(second, "Nausea can occur."));
        await Articles.CreateAsync(editor, draft);
        var slug = Articles.NewSlug("related-source");
        var id = await LinkedArticles.PublishAsync(editor, reviewer, LinkedArticles.Body(slug, "Nausea can occur.", related: [first, draft, unknown, second]));

        static List<string?> Urls(JsonElement article) => article.GetProperty("related").EnumerateArray().Select(r => r.GetProperty("url").GetString()).ToList();

        // Each read after a withdrawal waits for the cache to drop the linking article (a notification, not instant).
        async Task<List<string?>> RelatedAsync(int count) =>
            Urls(await Caching.CacheTests.PollAsync(reader, $"/v1/articles/{slug}", a => Urls(a).Count <= count));

        Assert.Equal([$"{LinkApi.Base}/v1/articles/{first}", $"{LinkApi.Base}/v1/articles/{second}"], await RelatedAsync(2));

        // Withdrawn for the second: both entries now lead there, and readers see it once.
        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{firstId}/unpublish", new { reason = "outdated", replacementSlug = second })).JsonAsync();
        Assert.Equal([$"{LinkApi.Base}/v1/articles/{second}"], await RelatedAsync(1));

        // Withdrawn for the article itself: it does not list itself.
        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{secondId}/unpublish", new { reason = "outdated", replacementSlug = slug })).JsonAsync();
        Assert.Empty(await RelatedAsync(0));

        // Editors still see every entry as written.
        var content = (await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/1")).JsonAsync()).GetProperty("content");
        Assert.Equal([first, draft, unknown, second], content.GetProperty("related").EnumerateArray().Select(r => r.GetProperty("slug").GetString()));

        // Listing itself is refused on input, naming the field.
        var self = LinkedArticles.Body(slug, "Nausea can occur.", related: [slug]);
        var problem = await (await Articles.ReviseAsync(editor, id, "\"1\"", self)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("related", out _), problem.ToString());
    }

    [Fact]
    public async Task TheFrontEndPreviewOfADraftResolvesLinksAndRelatedAsDeliveryWill()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var slug = Articles.NewSlug("preview-links");
        var missing = Articles.NewSlug("preview-missing");
        (await editor.PostAsJsonAsync("/v1/manage/articles", LinkedArticles.Body(slug,
            $"See [ketamine for anxiety](article:{Anxiety}) and [nothing yet](article:{missing}).", related: [Anxiety, missing]))).EnsureSuccessStatusCode();

        var markdown = await (await editor.GetAsync($"/v1/preview/articles/{slug}")).JsonAsync();
        Assert.Equal($"See [ketamine for anxiety]({LinkApi.Base}/v1/articles/{Anxiety}) and nothing yet.", Body(markdown, "side_effects"));
        var related = Assert.Single(markdown.GetProperty("related").EnumerateArray());
        Assert.Equal($"{LinkApi.Base}/v1/articles/{Anxiety}", related.GetProperty("url").GetString());
        var html = await (await editor.GetAsync($"/v1/preview/articles/{slug}?format=html")).JsonAsync();
        Assert.Contains($"<a href=\"{LinkApi.Base}/v1/articles/{Anxiety}\">ketamine for anxiety</a>", Body(html, "side_effects"), StringComparison.Ordinal);
    }
}
