using System.Net;
using System.Net.Http.Json;
using KetamineContent.Tests.Infrastructure;
using KetamineContent.Tests.Sync;

namespace KetamineContent.Tests.Delivery;

/// <summary>Drafts never leak, not even through a 410: a withdrawal is news to readers only for what they could read.</summary>
public sealed class NeverPublishedTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ArchivingANeverPublishedDraftWithAReasonKeepsEveryPublicRouteAt404()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var sync = new SyncClient(api.CreateClient());
        await sync.SyncAsync();
        var slug = Articles.NewSlug("secret-draft");
        var (id, _, _) = await Articles.CreateAsync(editor, slug, "Unannounced draft title");
        var before = DateTimeOffset.UtcNow;

        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/archive", new { reason = "safety", replacementSlug = "ketamine-for-anxiety" })).JsonAsync();

        foreach (var path in new[]
        {
            $"/v1/articles/{slug}", $"/v1/articles/{slug}?format=html", $"/v1/articles/{slug}?format=text", $"/v1/articles/{slug}?format=jsonld",
            $"/v1/articles/{slug}?locale=de", $"/v1/articles/{slug}/sections/mechanism", $"/v1/articles/{slug}/sections/side_effects?format=html",
            $"/v1/articles/{slug}?asOf={Uri.EscapeDataString(before.ToString("O"))}",
        })
        {
            var problem = await (await reader.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.False(problem.TryGetProperty("reason", out _), path);
        }

        using var jsonLd = new HttpRequestMessage(HttpMethod.Get, $"/v1/articles/{slug}");
        jsonLd.Headers.Accept.ParseAdd("application/ld+json");
        await (await reader.SendAsync(jsonLd)).AssertProblemAsync(HttpStatusCode.NotFound);

        var search = await (await reader.GetAsync("/v1/search?q=" + Uri.EscapeDataString("\"Unannounced draft title\""))).JsonAsync();
        Assert.Empty(search.GetProperty("items").EnumerateArray());
        await sync.SyncAsync();
        Assert.DoesNotContain(id, sync.Held.Keys);
        Assert.DoesNotContain(sync.LastDeleted, d => d.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task AWithdrawnArticlesSectionsAnswer410AndAReplacementMustBeAPublishedArticle()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var slug = Articles.NewSlug("withdrawn-sections");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);
        var draftSlug = Articles.NewSlug("replacement-draft");
        await Articles.CreateAsync(editor, draftSlug);

        foreach (var replacement in new[] { "no-such-article-anywhere", draftSlug, slug })
        {
            var refused = await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { reason = "safety", replacementSlug = replacement }))
                .AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty("replacementSlug", out _));
        }

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/articles/{slug}")).StatusCode);
        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { reason = "safety", replacementSlug = "ketamine-for-anxiety" })).JsonAsync();
        foreach (var path in new[] { $"/v1/articles/{slug}/sections/mechanism", $"/v1/articles/{slug}/sections/side_effects?format=html", $"/v1/articles/{slug}?format=jsonld" })
        {
            var gone = await (await reader.GetAsync(path)).AssertProblemAsync(HttpStatusCode.Gone);
            Assert.Equal("safety", gone.GetProperty("reason").GetString());
            Assert.Equal("/v1/articles/ketamine-for-anxiety", gone.GetProperty("replacement").GetString());
            Assert.Equal("ketamine-for-anxiety", gone.GetProperty("replacementSlug").GetString());
        }
    }
}
