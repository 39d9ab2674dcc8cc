using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Trust;

/// <summary>An API with a public base URL (absolute links) and Content:MaxGradeLevel 6 (below every sample's grade).</summary>
public sealed class TrustDoneWhenApi : ApiFactory
{
    public TrustDoneWhenApi()
    {
        With("Content:PublicBaseUrl", LinkApi.Base);
        With("Content:MaxGradeLevel", "6");
    }
}

/// <summary>
/// Issue 12's "done when", on the sample articles as shipped: the anxiety sample answers its reviewer's credentials in
/// JSON and JSON-LD, numbered citations and an AMA list in html, resolved links and related articles; withdrawing it is
/// refused while samples link to it and redirects their links with a replacement; the grade gate holds a sample back.
/// CSL-JSON read by citation.js is <see cref="CslJsonTests"/>; the gate's hand-computed grades are <see cref="GradeGateTests"/>.
/// </summary>
public sealed class TrustDoneWhenTests(TrustDoneWhenApi api) : IClassFixture<TrustDoneWhenApi>
{
    private const string Anxiety = "ketamine-for-anxiety";
    private const string Depression = "ketamine-for-depression-and-the-risk-of-dependence";
    private const string CompulsiveEating = "ketamine-and-compulsive-eating";

    private static string Body(JsonElement article, string kind) =>
        article.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == kind).GetProperty("body").GetString()!;

    private async Task<Guid> IdAsync(HttpClient editor, string slug) =>
        (await (await editor.GetAsync($"/v1/manage/articles?slug={slug}")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();

    [Fact]
    public async Task TheAnxietySampleShowsEveryTrustSignalAndWithdrawingItFollowsTheLinksToIt()
    {
        using var reader = api.Client(null);
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));

        // Reviewer with credentials, in JSON and JSON-LD.
        var json = await (await reader.GetAsync($"/v1/articles/{Anxiety}")).JsonAsync();
        var by = json.GetProperty("review").GetProperty("reviewedBy");
        Assert.Contains("not a real person", by.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(["MD"], by.GetProperty("credentials").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal("Psychiatry", by.GetProperty("specialty").GetString());
        Assert.StartsWith("https://example.org/", by.GetProperty("url").GetString(), StringComparison.Ordinal);
        var ld = JsonDocument.Parse(await (await reader.GetAsync($"/v1/articles/{Anxiety}?format=jsonld")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Person", ld.GetProperty("reviewedBy").GetProperty("@type").GetString());
        Assert.Equal("MD", ld.GetProperty("reviewedBy").GetProperty("honorificSuffix").GetString());
        Assert.Equal("MD", ld.GetProperty("reviewedBy").GetProperty("hasCredential")[0].GetProperty("name").GetString());

        // Numbered citation and AMA reference list in html.
        var html = await (await reader.GetAsync($"/v1/articles/{Anxiety}?format=html")).JsonAsync();
        Assert.Contains("<sup class=\"citation\"><a href=\"#reference-taylor-2018\">1</a></sup>", Body(html, "evidence"), StringComparison.Ordinal);
        Assert.StartsWith("<ol class=\"references\"><li id=\"reference-taylor-2018\" value=\"1\">Taylor JH, Landeros-Weisenberger A, Coughlin C, et al.",
            html.GetProperty("referenceList").GetString(), StringComparison.Ordinal);

        // Resolved internal link and related articles.
        Assert.Contains($"[ketamine for depression]({LinkApi.Base}/v1/articles/{Depression})", Body(json, "overview"), StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{LinkApi.Base}/v1/articles/{Depression}\">ketamine for depression</a>", Body(html, "overview"), StringComparison.Ordinal);
        Assert.Equal([Depression, CompulsiveEating], json.GetProperty("related").EnumerateArray().Select(r => r.GetProperty("slug").GetString()));
        Assert.All(json.GetProperty("related").EnumerateArray(), r => Assert.StartsWith($"{LinkApi.Base}/v1/articles/", r.GetProperty("url").GetString(), StringComparison.Ordinal));

        // Withdrawing it: refused while samples lead their readers to it, nothing changes.
        var id = await IdAsync(editor, Anxiety);
        var refused = await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { reason = "outdated" })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal([CompulsiveEating, Depression], refused.GetProperty("linkedFrom").EnumerateArray().Select(l => l.GetProperty("slug").GetString()).Order());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/articles/{Anxiety}")).StatusCode);

        // With a replacement: the compulsive eating sample's link leads there, and the replacement does not list itself.
        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { reason = "outdated", replacementSlug = Depression })).JsonAsync();
        var eating = await Caching.CacheTests.PollAsync(reader, $"/v1/articles/{CompulsiveEating}", a => Body(a, "what_to_expect").Contains($"/v1/articles/{Depression})", StringComparison.Ordinal)
            && !Body(a, "what_to_expect").Contains($"/v1/articles/{Anxiety})", StringComparison.Ordinal));
        Assert.Contains($"[ketamine for anxiety]({LinkApi.Base}/v1/articles/{Depression})", Body(eating, "what_to_expect"), StringComparison.Ordinal);
        Assert.DoesNotContain($"/v1/articles/{Anxiety})", Body(eating, "what_to_expect"), StringComparison.Ordinal);
        var depression = await Caching.CacheTests.PollAsync(reader, $"/v1/articles/{Depression}", a => a.GetProperty("related").GetArrayLength() == 1);
        Assert.Equal(["ketamine-for-addiction"], depression.GetProperty("related").EnumerateArray().Select(r => r.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task TheGradeGateHoldsASampleRevisionBackUnlessAnOverrideReasonIsGiven()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var id = await IdAsync(editor, "ketamine-for-addiction");
        var managed = await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync();
        var grade = managed.GetProperty("readability").GetProperty("article").GetProperty("fleschKincaidGrade").GetDouble();
        Assert.True(grade > 6, $"grade {grade}");

        var content = (await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/1")).JsonAsync()).GetProperty("content");
        (await Articles.ReviseAsync(editor, id, "\"1\"", content)).EnsureSuccessStatusCode();
        await (await Articles.ReviewAsync(reviewer, id, 2)).JsonAsync();
        var refused = await (await Articles.PublishAsync(reviewer, id, 2)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(refused.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains($"grade {grade:0.0}", StringComparison.Ordinal));

        var published = await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/publish", new { revision = 2, overrideReason = "Sample text, reviewed as is." })).JsonAsync();
        Assert.Equal(2, published.GetProperty("publishedRevision").GetInt32());
        await using var db = await api.OpenDatabaseAsync();
        var detail = await db.ExecuteScalarAsync<string>(
            "SELECT detail::text FROM audit_log WHERE article_id = @id AND action = 'article.published' ORDER BY id DESC LIMIT 1", new { id });
        Assert.Contains("Sample text, reviewed as is.", detail, StringComparison.Ordinal);
    }
}
