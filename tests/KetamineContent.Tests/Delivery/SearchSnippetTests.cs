using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Delivery;

/// <summary>Snippets are HTML a front end may insert as is: the only markup in them is &lt;mark&gt;, without attributes.</summary>
public sealed class SearchSnippetTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> XssVectors => RepresentationTests.XssVectors;

    [Theory]
    [MemberData(nameof(XssVectors))]
    public async Task EverySearchableFieldComesBackEscapedWithOnlyMarkElements(string vector)
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var stem = "zq" + Guid.NewGuid().ToString("N")[..10];
        string Token(string field) => stem + field;
        string Text(string field) => $"Plain words {Token(field)} then {vector} and more words after it.";
        var slug = Articles.NewSlug("snippet");
        var body = new
        {
            slug,
            topic = "depression",
            tags = new[] { "ketamine" },
            locale = "en",
            title = Text("title"),
            summary = Text("summary"),
            disclaimer = "Educational information, not medical advice.",
            sections = new object[]
            {
                new { kind = "mechanism", heading = Text("heading"), body = Text("mechanism") },
                new { kind = "what_to_expect", heading = "What to expect", body = Text("expect") },
                new { kind = "side_effects", heading = "Side effects", body = Text("sideeffects") },
            },
        };
        var created = await editor.PostAsJsonAsync("/v1/manage/articles", body);
        if (!KetamineContent.Api.Http.TextRules.IsClean(vector))
        {
            // Text with control characters is refused before anything is stored, so it can never reach a snippet.
            await created.AssertProblemAsync(HttpStatusCode.BadRequest);
            return;
        }

        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync();

        var parser = new HtmlParser();
        foreach (var field in new[] { "title", "summary", "heading", "mechanism", "expect", "sideeffects" })
        {
            var page = await (await api.Client(null).GetAsync("/v1/search?q=" + Token(field))).JsonAsync();
            var hit = Assert.Single(page.GetProperty("items").EnumerateArray());
            var snippet = hit.GetProperty("snippet").GetString()!;
            var fragment = parser.ParseDocument("<body>" + snippet + "</body>").Body!;
            Assert.All(fragment.QuerySelectorAll("*"), e =>
            {
                Assert.Equal("MARK", e.TagName);
                Assert.Empty(e.Attributes);
            });
            Assert.StartsWith("Plain words", fragment.TextContent, StringComparison.Ordinal);
            if (field is "summary" or "mechanism" or "expect" or "sideeffects")
            {
                Assert.Equal(Token(field), Assert.Single(fragment.QuerySelectorAll("mark")).TextContent);
            }
        }
    }
}
