using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;
using Npgsql;

namespace KetamineContent.Tests.Import;

/// <summary>
/// The import's hostile-structure reproductions against a real API process (a stack overflow would show as a dead
/// process): each is refused with 400 problem+json naming the limit, and the process keeps answering.
/// </summary>
public sealed class BoundedImportTests
{
    private static async Task<HttpResponseMessage> ImportAsync(HttpClient editor, byte[] bytes, string mediaType)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await editor.PostAsync($"/v1/manage/articles/import?slug={Articles.NewSlug("hostile")}&topic=depression", content);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string words)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        var messages = problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => $"{e.Name}: {m.GetString()}"))
            : [problem.GetProperty("detail").GetString()!];
        Assert.Contains(messages, m => m.Contains(words, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NestedWordDeepHtmlAndDeepMarkdownAreRefusedWith400AndTheProcessSurvives()
    {
        await using var api = await ApiProcess.StartAsync(await TestDatabase.CreateSeededAsync());
        using var admin = api.Client(ApiFactory.AdminKey);
        var key = (await (await admin.PostAsJsonAsync("/v1/manage/keys", new { name = "hostile-editor", role = "editor" })).JsonAsync()).GetProperty("key").GetString();
        using var editor = api.Client(key);
        editor.Timeout = TimeSpan.FromMinutes(2);

        var smartTags = HostileDocuments.NestedSmartTags(20_000);
        Assert.True(smartTags.Length < 4096, $"the nested-smartTag .docx is {smartTags.Length} bytes");
        await AssertRefusedAsync(await ImportAsync(editor, smartTags, ImportSource.Docx), "more than 128 deep");
        Assert.False(api.HasExited, "the API process died on the nested .docx");

        var divs = Encoding.UTF8.GetBytes(HostileDocuments.UnclosedDivs(190_000));
        Assert.True(divs.Length is > 900_000 and < 1_000_000, $"the page is {divs.Length} bytes");
        await AssertRefusedAsync(await ImportAsync(editor, divs, "text/html"), "more than 256 deep");

        var breaks = Encoding.UTF8.GetBytes("<!doctype html><body><p>Ketamine is given in a clinic." + string.Concat(Enumerable.Repeat("<br>", 120_000)) + "</p></body>");
        await AssertRefusedAsync(await ImportAsync(editor, breaks, "text/html"), "more than 100,000 elements");

        var formatting = string.Concat(Enumerable.Range(0, 200).Select(n => $"<b class=\"c{n}\">")) + string.Concat(Enumerable.Repeat("<p>x", 50_000));
        await AssertRefusedAsync(await ImportAsync(editor, Encoding.UTF8.GetBytes("<!doctype html><body>" + formatting + "</body>"), "text/html"), "more than 16 formatting elements");

        var quotes = HostileDocuments.DeepQuotes(130);
        await AssertRefusedAsync(await ImportAsync(editor, Encoding.UTF8.GetBytes("# Ketamine\n\n" + quotes), "text/markdown"), "too deeply");
        await AssertRefusedAsync(await editor.PostAsJsonAsync("/v1/manage/articles", Body(Articles.NewSlug("deep"), quotes)), "sections[2].body: 'body' nests Markdown");
        var revised = Articles.NewSlug("deep-revise");
        var (id, etag, _) = await Articles.CreateAsync(editor, revised);
        await AssertRefusedAsync(await Articles.ReviseAsync(editor, id, etag, Body(revised, quotes)), "sections[2].body: 'body' nests Markdown");

        Assert.False(api.HasExited, "the API process died");
        Assert.Equal(HttpStatusCode.OK, (await api.Client(null).GetAsync("/health/live")).StatusCode);
        Assert.DoesNotContain(api.Output, l => l.Contains("StackOverflow", StringComparison.Ordinal));
    }

    /// <summary>Import:TimeoutSeconds far below what a large (but allowed) page takes: 422, the work stopped, nothing written, the process answering.</summary>
    [Fact]
    public async Task AnImportPastImportTimeoutSecondsAnswers422()
    {
        var cs = await TestDatabase.CreateSeededAsync();
        await using var api = await ApiProcess.StartAsync(cs, new Dictionary<string, string> { ["Import__TimeoutSeconds"] = "0.001" });
        using var admin = api.Client(ApiFactory.AdminKey);
        var key = (await (await admin.PostAsJsonAsync("/v1/manage/keys", new { name = "slow-editor", role = "editor" })).JsonAsync()).GetProperty("key").GetString();
        using var editor = api.Client(key);
        var page = "<!doctype html><body><main><h1>Ketamine</h1>" + string.Concat(Enumerable.Repeat("<p>Ketamine is given in a clinic.</p>", 20_000)) + "</main></body>";
        var slug = Articles.NewSlug("slow");
        using var content = new StringContent(page, Encoding.UTF8, "text/html");
        var response = await editor.PostAsync($"/v1/manage/articles/import?slug={slug}&topic=depression", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {text}");
        Assert.Contains("Import:TimeoutSeconds", text, StringComparison.Ordinal);
        await using (var db = new NpgsqlConnection(cs))
        {
            Assert.Equal(0L, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM article WHERE slug = @slug", new { slug }));
        }

        Assert.False(api.HasExited);
    }

    /// <summary>An article body whose side-effects section is <paramref name="sideEffects"/>.</summary>
    private static object Body(string slug, string sideEffects) => Articles.Body(slug, sideEffects: sideEffects);
}
