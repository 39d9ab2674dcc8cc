using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Delivery;

public sealed class RepresentationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    /// <summary>Known XSS vectors in Markdown: none may survive as live HTML.</summary>
    public static TheoryData<string> XssVectors => new()
    {
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](javascript&#58;alert(1))",
        "[click](<javascript:alert(1)>)",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![img](javascript:alert(1))",
        "![img](data:image/svg+xml;base64,PHN2Zy8+)",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg onload=alert(1)>",
        "<javascript:alert(1)>",
        "[ref][1]\n\n[1]: javascript:alert(1)",
        "[click](java\u0000script:alert(1))",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
    };

    [Theory]
    [MemberData(nameof(XssVectors))]
    public async Task HtmlRenderingNeutralisesXssVectors(string vector)
    {
        var html = KetamineContent.Api.Delivery.MarkdownRenderer.ToHtml("Safe text. " + vector);
        var lower = html.ToLowerInvariant();
        Assert.DoesNotContain("<script", lower, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", lower, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", lower, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=\"x\"", lower, StringComparison.Ordinal);
        Assert.DoesNotContain("<div", lower, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", lower, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"vbscript", lower, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"data:", lower, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"javascript", lower, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"data:", lower, StringComparison.Ordinal);
        Assert.Contains("Safe text.", html, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task AnArticleWithAHostileBodyIsServedAsSafeHtml()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("hostile");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);
        var body = Articles.Body(slug, sideEffects: "**Nausea** is common. <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.org)");
        await (await Articles.ReviseAsync(editor, id, "\"1\"", body)).JsonAsync();
        await (await Articles.ReviewAsync(reviewer, id, 2)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 2)).JsonAsync();

        var section = await (await _client.GetAsync($"/v1/articles/{slug}/sections/side_effects?format=html")).JsonAsync();
        var html = section.GetProperty("section").GetProperty("body").GetString()!;
        Assert.Contains("<strong>Nausea</strong>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);

        var text = await (await _client.GetAsync($"/v1/articles/{slug}/sections/side_effects?format=text")).JsonAsync();
        Assert.StartsWith("Nausea is common.", text.GetProperty("section").GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArticlesCarryWordCountAndReadingTime()
    {
        var article = await (await _client.GetAsync("/v1/articles/ketamine-for-depression-and-the-risk-of-dependence")).JsonAsync();
        var words = article.GetProperty("wordCount").GetInt32();
        Assert.InRange(words, 300, 2000);
        Assert.Equal((int)Math.Ceiling(words / 200.0), article.GetProperty("readingTimeMinutes").GetInt32());
    }

    [Fact]
    public async Task JsonLdDescribesAMedicalWebPageAboutTheCondition()
    {
        foreach (var request in new[]
        {
            new HttpRequestMessage(HttpMethod.Get, "/v1/articles/ketamine-for-anxiety?format=jsonld"),
            new HttpRequestMessage(HttpMethod.Get, "/v1/articles/ketamine-for-anxiety") { Headers = { { "Accept", "application/ld+json" } } },
        })
        {
            var response = await _client.SendAsync(request);
            Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
            var ld = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("https://schema.org", ld.GetProperty("@context").GetString());
            Assert.Equal("MedicalWebPage", ld.GetProperty("@type").GetString());
            Assert.Equal("Ketamine for anxiety", ld.GetProperty("headline").GetString());
            var about = ld.GetProperty("about");
            Assert.Equal("MedicalCondition", about.GetProperty("@type").GetString());
            Assert.Equal("F41", about.GetProperty("code")[0].GetProperty("codeValue").GetString());
            Assert.Equal("ICD-10-CM", about.GetProperty("code")[0].GetProperty("codingSystem").GetString());
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", ld.GetProperty("lastReviewed").GetString());
            Assert.Equal("Person", ld.GetProperty("reviewedBy").GetProperty("@type").GetString());
            Assert.True(ld.GetProperty("datePublished").GetDateTimeOffset() <= ld.GetProperty("dateModified").GetDateTimeOffset());
            Assert.Contains("NMDA", ld.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("**", ld.GetProperty("text").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SparseFieldsetsKeepOnlyWhatWasAskedFor()
    {
        var article = await (await _client.GetAsync("/v1/articles/ketamine-for-anxiety?fields=title,review")).JsonAsync();
        Assert.Equal(["id", "slug", "title", "review"], article.EnumerateObject().Select(p => p.Name).ToArray());

        var list = await (await _client.GetAsync("/v1/articles?fields=title")).JsonAsync();
        Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.Equal(["id", "slug", "title"], i.EnumerateObject().Select(p => p.Name).ToArray()));

        await (await _client.GetAsync("/v1/articles/ketamine-for-anxiety?fields=ti%20tle")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.GetAsync("/v1/articles/ketamine-for-anxiety?format=pdf")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ALocaleIsPickedFromTheQueryOrAcceptLanguageWithFallbackToEnglish()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var body = JsonSerializer.SerializeToNode(Articles.Body("ketamine-for-anxiety", "Ketamin bei Angststörungen"))!.AsObject();
        body["locale"] = "de";
        var created = await (await editor.PostAsJsonAsync("/v1/manage/articles", body)).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync();

        var german = await _client.GetAsync("/v1/articles/ketamine-for-anxiety?locale=de");
        Assert.Equal("de", german.Content.Headers.ContentLanguage.Single());
        Assert.Equal("Ketamin bei Angststörungen", (await german.JsonAsync()).GetProperty("title").GetString());

        using var byHeader = new HttpRequestMessage(HttpMethod.Get, "/v1/articles/ketamine-for-anxiety") { Headers = { { "Accept-Language", "de-DE,de;q=0.9" } } };
        var regional = await _client.SendAsync(byHeader);
        Assert.Equal("de", regional.Content.Headers.ContentLanguage.Single());

        using var deHeader = new HttpRequestMessage(HttpMethod.Get, "/v1/articles/ketamine-for-anxiety") { Headers = { { "Accept-Language", "de;q=1, en;q=0.5" } } };
        Assert.Equal("de", (await _client.SendAsync(deHeader)).Content.Headers.ContentLanguage.Single());

        var french = await _client.GetAsync("/v1/articles/ketamine-for-anxiety?locale=fr");
        Assert.Equal("en", french.Content.Headers.ContentLanguage.Single());
    }
}
