using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Trust;

/// <summary>References with ids, [^id] citations numbered by first use, AMA reference lists, and the publish rule.</summary>
public sealed class CitationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string JournalAma = "Alpha AB, Beta B, Gamma C, et al. A trial of examples. <i>J Examples</i>. 2019;12(3):45-67. doi:10.1000/xyz123";
    private const string BookAma = "One A, Two B, Three C, Four D, Five E, Six F. <i>Handbook of examples</i>. Example Press; 2020. doi:10.1000/book.1";
    private const string WebAma = "Example Organisation. Examples online. Example Organisation. Accessed November 1, 2026. https://example.org/examples";

    private async Task<string> PublishAsync(object body)
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var created = await (await editor.PostAsJsonAsync("/v1/manage/articles", body)).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync();
        return created.GetProperty("slug").GetString()!;
    }

    [Fact]
    public async Task CitationsAreNumberedByFirstUseAndHtmlAndTextEndWithAnAmaReferenceList()
    {
        var slug = await PublishAsync(CitationBodies.Article(Articles.NewSlug("cited")));
        using var reader = api.Client(null);

        var markdown = await (await reader.GetAsync($"/v1/articles/{slug}")).JsonAsync();
        Assert.Equal(["web-ref", "book-ref", "journal-ref"], markdown.GetProperty("references").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal([1, 2, 3], markdown.GetProperty("references").EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));
        var cites = markdown.GetProperty("sections").EnumerateArray().ToDictionary(
            s => s.GetProperty("kind").GetString()!, s => s.GetProperty("cites").EnumerateArray().Select(c => c.GetInt32()).ToArray());
        Assert.Equal([1, 2], cites["mechanism"]);
        Assert.Equal([3, 1], cites["what_to_expect"]);
        Assert.Empty(cites["side_effects"]);
        Assert.Equal("First claim.[^web-ref] Second claim.[^book-ref]", Section(markdown, "mechanism"));
        Assert.False(markdown.TryGetProperty("referenceList", out _));
        var journal = markdown.GetProperty("references")[2];
        Assert.Equal(7, journal.GetProperty("authors").GetArrayLength());
        Assert.Equal("J Examples", journal.GetProperty("journal").GetString());
        Assert.Equal("12345", journal.GetProperty("pubmedId").GetString());
        Assert.Equal("2026-11-01", markdown.GetProperty("references")[0].GetProperty("accessed").GetString());

        var html = await (await reader.GetAsync($"/v1/articles/{slug}?format=html")).JsonAsync();
        Assert.Equal("<p>First claim.<sup class=\"citation\"><a href=\"#reference-web-ref\">1</a></sup> Second claim." +
                     "<sup class=\"citation\"><a href=\"#reference-book-ref\">2</a></sup></p>", Section(html, "mechanism"));
        Assert.Equal([WebAma, BookAma, JournalAma], html.GetProperty("references").EnumerateArray().Select(r => r.GetProperty("citation").GetString()));
        Assert.Equal("<ol class=\"references\">" +
                     $"<li id=\"reference-web-ref\" value=\"1\">{WebAma}</li>" +
                     $"<li id=\"reference-book-ref\" value=\"2\">{BookAma}</li>" +
                     $"<li id=\"reference-journal-ref\" value=\"3\">{JournalAma}</li></ol>", html.GetProperty("referenceList").GetString());

        var text = await (await reader.GetAsync($"/v1/articles/{slug}?format=text")).JsonAsync();
        Assert.Equal("Third claim.[3] Again.[1]", Section(text, "what_to_expect"));
        Assert.Equal("References\n1. " + WebAma + "\n2. " + BookAma.Replace("<i>", "", StringComparison.Ordinal).Replace("</i>", "", StringComparison.Ordinal) +
                     "\n3. " + JournalAma.Replace("<i>", "", StringComparison.Ordinal).Replace("</i>", "", StringComparison.Ordinal),
            text.GetProperty("referenceList").GetString());

        // One section alone keeps the article's numbers.
        var section = await (await reader.GetAsync($"/v1/articles/{slug}/sections/what_to_expect?format=html")).JsonAsync();
        Assert.Equal("<p>Third claim.<sup class=\"citation\"><a href=\"#reference-journal-ref\">3</a></sup> Again." +
                     "<sup class=\"citation\"><a href=\"#reference-web-ref\">1</a></sup></p>", section.GetProperty("section").GetProperty("body").GetString());
    }

    [Fact]
    public async Task PublishingAnswers422ListingCitationsOfMissingReferencesAndUncitedReferences()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("broken-cites");
        // A draft may hold both (work in progress): saving answers 201.
        var created = await editor.PostAsJsonAsync("/v1/manage/articles",
            CitationBodies.Article(slug, mechanism: "Claim.[^web-ref] Another.[^nowhere]", whatToExpect: "Claim.[^book-ref]"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();

        var refused = await (await Articles.PublishAsync(reviewer, id, 1)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(
            ["The section 'mechanism' cites [^nowhere], which is not one of the references.",
             "The reference 'journal-ref' is not cited: cite it with [^journal-ref] in a section, or remove it."],
            refused.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        using var reader = api.Client(null);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/articles/{slug}")).StatusCode);

        var etag = created.Headers.ETag!.Tag;
        var fixedBody = CitationBodies.Article(slug, mechanism: "Claim.[^web-ref]", whatToExpect: "Claim.[^book-ref] And.[^journal-ref]");
        await (await Articles.ReviseAsync(editor, id, etag, fixedBody)).JsonAsync();
        await (await Articles.ReviewAsync(reviewer, id, 2)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 2)).JsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/articles/{slug}")).StatusCode);
    }

    [Fact]
    public async Task ReferenceFieldsAndMarkersInsideAttributesNeverBecomeMarkup()
    {
        var hostile = new
        {
            id = "hostile",
            authors = new[] { "<img src=x onerror=alert(1)>" },
            title = "<script>alert(1)</script>",
            journal = "<b>J</b>",
            year = 2020,
            doi = "10.1000/\"><script>",
        };
        var slug = await PublishAsync(CitationBodies.Article(Articles.NewSlug("hostile-ref"),
            mechanism: "![a picture [^hostile]](https://example.org/i.png) and text.[^hostile]", whatToExpect: "Nothing cited.", references: [hostile]));
        using var reader = api.Client(null);
        var html = await (await reader.GetAsync($"/v1/articles/{slug}?format=html")).JsonAsync();
        Assert.Equal("&lt;img src=x onerror=alert(1)&gt;. &lt;script&gt;alert(1)&lt;/script&gt;. <i>&lt;b&gt;J&lt;/b&gt;</i>. 2020. doi:10.1000/&quot;&gt;&lt;script&gt;",
            html.GetProperty("references")[0].GetProperty("citation").GetString());
        Assert.Equal("<p><img src=\"https://example.org/i.png\" alt=\"a picture [1]\" /> and text.<sup class=\"citation\"><a href=\"#reference-hostile\">1</a></sup></p>",
            Section(html, "mechanism"));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { """{"id":"r","title":"t","doi":"not-a-doi"}""", "references[0].doi" },
        { """{"id":"r","title":"t","pubmedId":"12a45"}""", "references[0].pubmedId" },
        { """{"id":"r","title":"t","url":"http://example.org/plain-http"}""", "references[0].url" },
        { """{"id":"r","title":"t","url":"javascript:alert(1)"}""", "references[0].url" },
        { """{"id":"Bad_Id","title":"t","doi":"10.1000/xyz123"}""", "references[0].id" },
        { """{"id":"r","title":"t"}""", "references[0].url" },
        { """{"id":"r","title":"t","doi":"10.1000/xyz123","year":20190}""", "references[0].year" },
        { """{"id":"r","title":"t","doi":"10.1000/xyz123","authors":[""]}""", "references[0].authors[0]" },
        { """{"id":"ref-2","title":"t","doi":"10.1000/xyz123"},{"title":"u","doi":"10.1000/xyz124"}""", "references" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task MalformedReferencesAreRefusedWith400AndNothingIsWritten(string references, string field)
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var slug = Articles.NewSlug("malformed-ref");
        var json = JsonSerializer.Serialize(CitationBodies.Article(slug, mechanism: "Claim.[^r]", whatToExpect: "Claim."))
            .Replace("\"references\":[", "\"references\":[" + references + ",", StringComparison.Ordinal)
            .Replace("\"references\":[" + references + ",{", "\"references\":[" + references + "],\"ignored\":[{", StringComparison.Ordinal);
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
        body.Remove("ignored");
        var problem = await (await editor.PostAsJsonAsync("/v1/manage/articles", body)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article WHERE slug = @slug", new { slug }));
    }

    [Fact]
    public async Task ReferencesStoredBeforeIdsReadAsRefNumberedByFirstUse()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("legacy-refs"));
        await using (var db = await api.OpenDatabaseAsync())
        {
            // Rows as the schema held them before 0010: positional references without ids, sections citing positions.
            await using var tx = await db.BeginTransactionAsync();
            await db.ExecuteAsync("""
                INSERT INTO revision (article_id, number, topic, tags, title, summary, disclaimer, author, change_note)
                VALUES (@id, 2, 'depression', '{}', 'Legacy', 's', 'd', 'test', 'legacy rows');
                INSERT INTO section (article_id, revision_number, kind, position, heading, body, cites) VALUES
                    (@id, 2, 'mechanism', 1, 'h', 'No citations here.', '{}'),
                    (@id, 2, 'what_to_expect', 2, 'h', 'Cites the second.', '{2}'),
                    (@id, 2, 'side_effects', 3, 'h', 'Cites the first.', '{1}');
                INSERT INTO reference (article_id, revision_number, position, title, url) VALUES
                    (@id, 2, 1, 'First', 'https://example.org/1'), (@id, 2, 2, 'Second', 'https://example.org/2');
                """, new { id }, tx);
            await tx.CommitAsync();
        }

        var content = (await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/2")).JsonAsync()).GetProperty("content");
        var references = content.GetProperty("references").EnumerateArray().ToList();
        Assert.Equal(["ref-2", "ref-1"], references.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["Second", "First"], references.Select(r => r.GetProperty("title").GetString()));
        Assert.Equal([1, 2], references.Select(r => r.GetProperty("number").GetInt32()));
        Assert.Equal(1, content.GetProperty("sections")[1].GetProperty("cites")[0].GetInt32());
        Assert.Equal(2, content.GetProperty("sections")[2].GetProperty("cites")[0].GetInt32());
    }

    private static string Section(JsonElement article, string kind) =>
        article.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == kind).GetProperty("body").GetString()!;

    [Fact]
    public async Task TheManagementPreviewRendersCitationsAsDeliveryDoes()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var created = await (await editor.PostAsJsonAsync("/v1/manage/articles", CitationBodies.Article(Articles.NewSlug("cited-preview")))).JsonAsync();
        var id = created.GetProperty("id").GetGuid();

        var html = await (await editor.GetAsync($"/v1/manage/articles/{id}/preview?format=html")).JsonAsync();
        Assert.Equal("<p>First claim.<sup class=\"citation\"><a href=\"#reference-web-ref\">1</a></sup> Second claim." +
                     "<sup class=\"citation\"><a href=\"#reference-book-ref\">2</a></sup></p>", Section(html, "mechanism"));
        Assert.StartsWith("<ol class=\"references\"><li id=\"reference-web-ref\" value=\"1\">" + WebAma, html.GetProperty("referenceList").GetString(), StringComparison.Ordinal);
        var text = await (await editor.GetAsync($"/v1/manage/articles/{id}/preview?format=text")).JsonAsync();
        Assert.Equal("Third claim.[3] Again.[1]", Section(text, "what_to_expect"));
        Assert.StartsWith("References\n1. " + WebAma, text.GetProperty("referenceList").GetString(), StringComparison.Ordinal);

        // Markdown, the default, keeps the markers as written (as delivery's markdown does); JSON-LD is delivery's alone.
        var markdown = await (await editor.GetAsync($"/v1/manage/articles/{id}/preview")).JsonAsync();
        Assert.Equal("First claim.[^web-ref] Second claim.[^book-ref]", Section(markdown, "mechanism"));
        var problem = await (await editor.GetAsync($"/v1/manage/articles/{id}/preview?format=jsonld")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("format", out _), problem.ToString());
    }

    [Fact]
    public async Task SearchIndexesTheTextReadersReadWithoutCitationMarkersOrLinkTargets()
    {
        var slug = await PublishAsync(CitationBodies.Article(Articles.NewSlug("cited-search"),
            mechanism: "Quokkas rarely claim this.[^web-ref] Second claim.[^book-ref] See [this page](article:ketamine-for-anxiety)."));
        using var reader = api.Client(null);

        var found = await (await reader.GetAsync("/v1/search?q=quokkas")).JsonAsync();
        var hit = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal(slug, hit.GetProperty("slug").GetString());
        Assert.DoesNotContain("[^", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("article:", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);

        // A reference's id and a link's target slug are not words of the text.
        foreach (var q in new[] { "quokkas book-ref", "quokkas anxiety" })
        {
            var none = await (await reader.GetAsync("/v1/search?q=" + Uri.EscapeDataString(q))).JsonAsync();
            Assert.Empty(none.GetProperty("items").EnumerateArray());
        }
    }
}
