using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Contract;

/// <summary>
/// A validation answer lists every problem of a body in <c>errors</c> at once (issue 14, item 2): values of the wrong
/// JSON type, unknown properties and broken rules together, whether the body is posted (create, revision) or is a
/// merge patch, so a form can mark every field after one round trip.
/// </summary>
public sealed class EveryProblemAtOnceTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string ThreeProblems = """
        {"slug":"Bad Slug","topic":"depression","title":42,"summary":"s","disclaimer":"d","sections":"none","references":[]}
        """;

    [Fact]
    public async Task ACreateBodyWithTwoWrongTypesAndABadSlugListsAllThree()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var problem = await (await PostAsync(editor, "/v1/manage/articles", ThreeProblems)).AssertProblemAsync(HttpStatusCode.BadRequest);

        var errors = Errors(problem);
        Assert.Equal(new[] { "sections", "slug", "title" }, errors.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("'title' must be a string.", Assert.Single(errors["title"]));
        Assert.Equal("'sections' must be an array.", Assert.Single(errors["sections"]));
        Assert.Contains("lowercase letters", Assert.Single(errors["slug"]), StringComparison.Ordinal);
        Assert.Equal("One or more validation errors occurred.", problem.GetProperty("title").GetString());
        Assert.StartsWith("Invalid: sections, slug, title.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThousandsOfWrongPropertiesGetABoundedAnswerThatSaysHowManyMore()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var body = "{" + string.Join(",", Enumerable.Range(0, 5_000).Select(i => $"\"unknown{i}\":1")) + "}";
        var response = await PostAsync(editor, "/v1/manage/articles", body);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);

        var errors = Errors(problem);
        Assert.True(errors.Count <= 101, $"{errors.Count} fields listed");
        Assert.Contains(errors["body"], m => m.Contains("more problems are not listed", StringComparison.Ordinal));
        Assert.True(problem.GetRawText().Length < 64_000, $"{problem.GetRawText().Length} characters for a {body.Length}-character body");
    }

    [Fact]
    public async Task NestedWrongTypesUnknownPropertiesAndRulesAreListedByTheirPaths()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var body = """
            {"slug":"every-problem","topic":"depression","tags":["ketamine","Not A Tag"],"title":"A title","summary":"s","disclaimer":"d",
             "sections":[{"kind":"mechanism","heading":"h","body":"b"},{"kind":"what_to_expect","heading":7,"body":"b"},{"kind":"side_effects","heading":"h","body":"b"}],
             "references":[{"title":"A study","url":"https://example.org/a","year":"2019"}],"titel":"typo"}
            """;
        var problem = await (await PostAsync(editor, "/v1/manage/articles", body)).AssertProblemAsync(HttpStatusCode.BadRequest);

        var errors = Errors(problem);
        Assert.Equal("'sections[1].heading' must be a string.", Assert.Single(errors["sections[1].heading"]));
        Assert.Equal("'references[0].year' must be an integer.", Assert.Single(errors["references[0].year"]));
        Assert.Contains("Unknown property 'titel'", Assert.Single(errors["titel"]), StringComparison.Ordinal);
        Assert.True(errors.ContainsKey("tags[1]"), problem.ToString());
        Assert.Equal(0, await CountAsync("every-problem"));
    }

    [Fact]
    public async Task ARevisionAndAMergePatchListEveryProblemToo()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var (id, etag, _) = await Articles.CreateAsync(editor, Articles.NewSlug("every-problem-revised"));

        var revision = await (await PostAsync(editor, $"/v1/manage/articles/{id}/revisions", ThreeProblems, etag)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(new[] { "sections", "slug", "title" }, Errors(revision).Keys.Order(StringComparer.Ordinal).ToArray());

        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/v1/manage/articles/{id}")
        {
            Content = new StringContent("""{"title":5,"tags":"sleep","summary":"x\u0007"}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", etag);
        var patched = await (await editor.SendAsync(patch)).AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = Errors(patched);
        Assert.Equal(new[] { "summary", "tags", "title" }, errors.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("'tags' must be an array.", Assert.Single(errors["tags"]));

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM revision WHERE article_id = @id", new { id }));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    private static Dictionary<string, string[]> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(m => m.GetString()!).ToArray(), StringComparer.Ordinal);

    private async Task<int> CountAsync(string slug)
    {
        await using var db = await api.OpenDatabaseAsync();
        return await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article WHERE slug = @slug", new { slug });
    }
}
