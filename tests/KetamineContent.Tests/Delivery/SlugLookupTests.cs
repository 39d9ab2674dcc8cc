using System.Net;
using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Delivery;

/// <summary>From a slug to an id: list items and search hits carry it, the managed list filters by slug, locale and title.</summary>
public sealed class SlugLookupTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static string NextLink(HttpResponseMessage response)
    {
        var link = string.Join(",", response.Headers.GetValues("Link"));
        Assert.EndsWith(">; rel=\"next\"", link, StringComparison.Ordinal);
        return link[1..link.IndexOf('>', StringComparison.Ordinal)];
    }

    [Fact]
    public async Task ListItemsAndSearchHitsCarryTheIdAndTheManagedListFindsItBySlugLocaleOrTitle()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var slug = Articles.NewSlug("lookup");
        var id = await Articles.PublishedAsync(editor, reviewer, slug, "Ketamine lookup Quillwort");
        var twin = await Articles.PublishedAsync(editor, reviewer, Articles.NewSlug("lookup"), "Ketamine lookup quillwort twin");

        var list = await (await reader.GetAsync("/v1/articles?limit=100&sort=-updated")).JsonAsync();
        Assert.Equal(id, list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("slug").GetString() == slug).GetProperty("id").GetGuid());
        Assert.False(list.TryGetProperty("total", out _));
        var hits = await (await reader.GetAsync("/v1/search?q=quillwort&count=true")).JsonAsync();
        Assert.Equal(id, hits.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("slug").GetString() == slug).GetProperty("id").GetGuid());
        Assert.Equal(2, hits.GetProperty("total").GetInt32());

        var bySlug = await (await editor.GetAsync($"/v1/manage/articles?slug={slug}&locale=en")).JsonAsync();
        Assert.Equal(id, Assert.Single(bySlug.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty((await (await editor.GetAsync($"/v1/manage/articles?slug={slug}&locale=de")).JsonAsync()).GetProperty("items").EnumerateArray());

        // q searches latest titles case-insensitively; count=true adds the total; Link walks the pages.
        var first = await editor.GetAsync("/v1/manage/articles?q=QUILLWORT&limit=1&count=true");
        var page = await first.JsonAsync();
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        var second = await (await editor.GetAsync(NextLink(first))).JsonAsync();
        var ids = new[] { page, second }.Select(p => Assert.Single(p.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid()).Order().ToArray();
        Assert.Equal(new[] { id, twin }.Order().ToArray(), ids);

        foreach (var bad in new[] { "slug=Not%20A%20Slug", "locale=english", "q=", "count=maybe" })
        {
            await (await editor.GetAsync("/v1/manage/articles?" + bad)).AssertProblemAsync(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task TheDeliveryListAndSearchCountOnRequestAndLinkTheNextPageOnEveryAnswer()
    {
        using var reader = api.Client(null);
        await using var db = await api.OpenDatabaseAsync();
        var published = await Dapper.SqlMapper.ExecuteScalarAsync<int>(db, "SELECT count(*) FROM article WHERE status = 'published'");
        Assert.True(published >= 2);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            // The second answer comes from the cache: the Link header must come with it.
            var response = await reader.GetAsync("/v1/articles?limit=1&count=true");
            var body = await response.JsonAsync();
            Assert.Equal(published, body.GetProperty("total").GetInt32());
            var next = await (await reader.GetAsync(NextLink(response))).JsonAsync();
            Assert.NotEqual(body.GetProperty("items")[0].GetProperty("id").GetGuid(), next.GetProperty("items")[0].GetProperty("id").GetGuid());
        }

        var search = await reader.GetAsync("/v1/search?q=ketamine&limit=1");
        Assert.Equal(JsonValueKind.String, (await search.JsonAsync()).GetProperty("nextCursor").ValueKind);
        Assert.Contains("/v1/search?q=ketamine&limit=1&cursor=", NextLink(search), StringComparison.Ordinal);
        await (await reader.GetAsync("/v1/articles?count=maybe")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
