using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Trust;

/// <summary>The four sample articles link to each other in their text and list each other as related.</summary>
public sealed class SampleLinkTests(LinkApi api) : IClassFixture<LinkApi>
{
    private static readonly string[] Slugs =
        ["ketamine-for-addiction", "ketamine-and-compulsive-eating", "ketamine-for-depression-and-the-risk-of-dependence", "ketamine-for-anxiety"];

    public static TheoryData<string> Samples() => new(Slugs);

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task EverySampleLinksToAnotherInItsTextAndListsRelatedSamplesWithTitleAndUrl(string slug)
    {
        using var reader = api.Client(null);
        var json = await (await reader.GetAsync($"/v1/articles/{slug}")).JsonAsync();
        var others = Slugs.Where(s => s != slug).ToList();

        var bodies = string.Join("\n", json.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("body").GetString()));
        Assert.DoesNotContain("article:", bodies, StringComparison.Ordinal);
        Assert.Contains(others, other => bodies.Contains($"]({LinkApi.Base}/v1/articles/{other})", StringComparison.Ordinal));

        var related = json.GetProperty("related").EnumerateArray().ToList();
        Assert.NotEmpty(related);
        foreach (var entry in related)
        {
            var target = entry.GetProperty("slug").GetString()!;
            Assert.Contains(target, others);
            Assert.Equal($"{LinkApi.Base}/v1/articles/{target}", entry.GetProperty("url").GetString());
            var title = (await (await reader.GetAsync($"/v1/articles/{target}")).JsonAsync()).GetProperty("title").GetString();
            Assert.Equal(title, entry.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task EverySampleIsLinkedFromAnotherSample()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        foreach (var slug in Slugs)
        {
            var list = await (await editor.GetAsync($"/v1/manage/articles?slug={slug}")).JsonAsync();
            var id = list.GetProperty("items")[0].GetProperty("id").GetGuid();
            var from = await (await editor.GetAsync($"/v1/manage/articles/{id}/linked-from")).JsonAsync();
            Assert.Contains(from.GetProperty("items").EnumerateArray(),
                l => l.GetProperty("kinds").EnumerateArray().Any(k => k.GetString() == "link"));
        }
    }
}
