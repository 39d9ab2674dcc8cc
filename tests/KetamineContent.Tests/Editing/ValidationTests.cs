using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Editing;

/// <summary>Bad bodies get a clear 400 (or 409/413) problem and write nothing.</summary>
public sealed class ValidationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static string Json(string slug, string title = "\"A title\"", string sections = Sections, string references = "[]", string extra = "") =>
        $$"""{"slug":"{{slug}}","topic":"depression","tags":["ketamine"],"title":{{title}},"summary":"s","disclaimer":"d","sections":{{sections}},"references":{{references}}{{extra}}}""";

    private const string Sections = """[{"kind":"mechanism","heading":"h","body":"b"},{"kind":"what_to_expect","heading":"h","body":"b"},{"kind":"side_effects","heading":"h","body":"b"}]""";

    public static TheoryData<string, string> BadBodies => new()
    {
        { Json("Bad Slug"), "slug" },
        { Json("ok-slug", title: "\"\""), "title" },
        { Json("ok-slug", title: "\"" + new string('x', 201) + "\""), "title" },
        { Json("ok-slug", sections: """[{"kind":"mechanism","heading":"h","body":"b"}]"""), "sections" },
        { Json("ok-slug", sections: Sections.Replace("what_to_expect", "dosage", StringComparison.Ordinal)), "sections" },
        { Json("ok-slug", sections: Sections.Replace("what_to_expect", "mechanism", StringComparison.Ordinal)), "sections" },
        { Json("ok-slug", sections: Sections.Replace("\"body\":\"b\"}]", "\"body\":\"" + new string('b', 20_001) + "\"}]", StringComparison.Ordinal)), "sections[2].body" },
        { Json("ok-slug", references: """[{"title":"t","url":"javascript:alert(1)"}]"""), "references[0].url" },
        { Json("ok-slug", sections: Sections.Replace("\"body\":\"b\"}]", "\"body\":\"a\\u0000b\"}]", StringComparison.Ordinal)), "sections[2].body" },
        { Json("ok-slug", title: "\"line\\u0007bell\""), "title" },
        { Json("ok-slug", references: """[{"title":"t","url":"https://example.org","doi":"not-a-doi"}]"""), "references[0].doi" },
        { Json("ok-slug", sections: Sections.Replace("\"body\":\"b\"}]", "\"body\":\"b\",\"cites\":[3]}]", StringComparison.Ordinal)), "sections[2].cites" },
        { Json("ok-slug").Replace("[\"ketamine\"]", "[\"Ketamine!\"]", StringComparison.Ordinal), "tags[0]" },
        { Json("ok-slug").Replace("\"topic\":\"depression\"", "\"topic\":\"no-such-topic\"", StringComparison.Ordinal), "topic" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task InvalidContentIs400WithAMessagePerFieldAndWritesNothing(string json, string field)
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var before = await CountAsync();
        var response = await editor.PostAsync("/v1/manage/articles", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
        Assert.NotEmpty(messages.EnumerateArray());
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("{\"slug\":", "not valid JSON")]
    [InlineData("[1,2,3]", "")]
    [InlineData("{\"slug\": 5}", "'slug' must be a string")]
    [InlineData("{\"titel\":\"Typo\",\"slug\":\"x\"}", "Unknown property 'titel'")]
    [InlineData("{\"author\":\"someone else\"}", "Unknown property 'author'")]
    public async Task MalformedOrOverreachingJsonIsAClear400(string json, string expected)
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var before = await CountAsync();
        var problem = await (await editor.PostAsync("/v1/manage/articles", new StringContent(json, Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("KetamineContent.", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task ABodyOverTheLimitIs413()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var huge = Json("huge-one", title: "\"" + new string('x', 1_100_000) + "\"");
        await (await editor.PostAsync("/v1/manage/articles", new StringContent(huge, Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AWrongContentTypeIs415()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var response = await editor.PostAsync("/v1/manage/articles", new StringContent(Json("typed"), Encoding.UTF8, "text/plain"));
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ASlugAlreadyUsedInTheLocaleIs409()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var response = await editor.PostAsJsonAsync("/v1/manage/articles", Articles.Body("ketamine-for-anxiety"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("slug", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishingRefusesEveryMissingPieceAtOnce()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("thin");
        var response = await editor.PostAsJsonAsync("/v1/manage/articles", Articles.Body(slug, summary: "", disclaimer: " ", sideEffects: ""));
        var id = (await response.JsonAsync()).GetProperty("id").GetGuid();

        var problem = await (await Articles.PublishAsync(reviewer, id, 1)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var reasons = problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Equal(4, reasons.Count);
        Assert.Contains(reasons, r => r.Contains("side_effects", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("summary", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("disclaimer", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("review", StringComparison.Ordinal));
    }

    private async Task<long> CountAsync()
    {
        await using var db = await api.OpenDatabaseAsync();
        return await db.ExecuteScalarAsync<long>("SELECT (SELECT count(*) FROM article) * 1000000 + (SELECT count(*) FROM revision) * 1000 + (SELECT count(*) FROM audit_log WHERE action LIKE 'article.%' OR action LIKE 'revision.%')");
    }
}
