using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using KetamineContent.Api.Trust;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Trust;

/// <summary>
/// Plain-language scores against values computed by hand with the rules written in <see cref="Readability"/>
/// (FRE = 206.835 - 1.015 W/S - 84.6 Y/W; FKGL = 0.39 W/S + 11.8 Y/W - 15.59; long words: 3 syllables or more).
/// </summary>
public static class ReadabilityText
{
    /// <summary>
    /// "Ketamine works fast. Many people feel better within hours."
    /// Words 9, sentences 2. Syllables: ketamin(e) 3, works 1, fast 1, ma-ny 2, peo-ple 2 ("le" kept), feel 1, bet-ter 2,
    /// with-in 2, hours 1 = 15. Long: ketamine = 1 (share 1/9 = 0.111).
    /// FRE = 206.835 - 1.015 x 4.5 - 84.6 x 15/9 = 206.835 - 4.5675 - 141.0 = 61.2675 = 61.3.
    /// FKGL = 0.39 x 4.5 + 11.8 x 15/9 - 15.59 = 1.755 + 19.6667 - 15.59 = 5.8317 = 5.8.
    /// </summary>
    public const string Plain = "Ketamine works fast. Many people feel better within hours.";

    /// <summary>
    /// "Ketamine blocks the NMDA receptor, a glutamate receptor, and so increases neuroplasticity."
    /// Words 12, sentences 1. Syllables: ketamin(e) 3, blocks 1, the 1, nmda 1 (one vowel group), re-cep-tor 3, a 1,
    /// glu-ta-mat(e) 3, re-cep-tor 3, and 1, so 1, in-crea-ses 3 ("es" after s kept), neu-ro-plas-ti-ci-ty 6 = 27.
    /// Long: ketamine, receptor, glutamate, receptor, increases, neuroplasticity = 6 (share 0.5).
    /// FRE = 206.835 - 1.015 x 12 - 84.6 x 2.25 = 206.835 - 12.18 - 190.35 = 4.305 = 4.3.
    /// FKGL = 0.39 x 12 + 11.8 x 2.25 - 15.59 = 4.68 + 26.55 - 15.59 = 15.64 = 15.6.
    /// </summary>
    public const string Dense = "Ketamine blocks the NMDA receptor, a glutamate receptor, and so increases neuroplasticity.";

    /// <summary>
    /// "Nausea can follow a session." Words 5, sentences 1. Syllables: nau-sea 2, can 1, fol-low 2 (w is no vowel), a 1,
    /// ses-sion 2 = 8. Long: none.
    /// FRE = 206.835 - 1.015 x 5 - 84.6 x 1.6 = 206.835 - 5.075 - 135.36 = 66.4.
    /// FKGL = 0.39 x 5 + 11.8 x 1.6 - 15.59 = 1.95 + 18.88 - 15.59 = 5.24 = 5.2.
    /// </summary>
    public const string Short = "Nausea can follow a session.";

    /// <summary>
    /// The three as an article's sections (mechanism Dense, what_to_expect Plain in Markdown, side_effects Short):
    /// words 12 + 9 + 5 = 26, sentences 1 + 2 + 1 = 4, syllables 27 + 15 + 8 = 50, long 6 + 1 + 0 = 7 (share 7/26 = 0.269).
    /// FRE = 206.835 - 1.015 x 6.5 - 84.6 x 50/26 = 206.835 - 6.5975 - 162.6923 = 37.5452 = 37.5.
    /// FKGL = 0.39 x 6.5 + 11.8 x 50/26 - 15.59 = 2.535 + 22.6923 - 15.59 = 9.6373 = 9.6.
    /// </summary>
    public static object Body(string slug, string locale = "en", string? mechanism = null) => new
    {
        slug,
        topic = "depression",
        tags = new[] { "ketamine" },
        locale,
        title = "Scores",
        summary = "How plain the words are.",
        disclaimer = "Educational information, not medical advice.",
        sections = new object[]
        {
            new { kind = "mechanism", heading = "How it works", body = mechanism ?? Dense },
            new { kind = "what_to_expect", heading = "What to expect", body = "**Ketamine** works [fast](https://example.org/fast).\nMany people feel better within hours." },
            new { kind = "side_effects", heading = "Side effects", body = Short },
        },
    };
}

public sealed class ReadabilityTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData(ReadabilityText.Plain, 9, 2, 15, 1, 0.111, 61.3, 5.8)]
    [InlineData(ReadabilityText.Dense, 12, 1, 27, 6, 0.5, 4.3, 15.6)]
    [InlineData(ReadabilityText.Short, 5, 1, 8, 0, 0.0, 66.4, 5.2)]
    public void FixedParagraphsScoreAsComputedByHand(string text, int words, int sentences, int syllables, int longWords, double share, double ease, double grade)
    {
        var scores = Readability.Count(text).ToScores();
        Assert.Equal(new ReadabilityScores(words, sentences, syllables, longWords, share, ease, grade), scores);
    }

    [Fact]
    public void CitationMarkersAndLinkTargetsAreNotWordsAndDoNotHideASentenceEnd()
    {
        var marked = Readability.PlainText("Ketamine works [fast](article:ketamine-for-anxiety).[^fast-ref] Many people feel better within hours.[^hours-ref]");
        Assert.Equal(Readability.Count(ReadabilityText.Plain).ToScores(), Readability.Count(marked).ToScores());
    }

    [Fact]
    public async Task TheManagedArticleAndThePreviewScoreTheLatestRevisionAsTheRevisionViewDoes()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var slug = Articles.NewSlug("scores-views");
        var id = (await (await editor.PostAsJsonAsync("/v1/manage/articles", ReadabilityText.Body(slug))).JsonAsync()).GetProperty("id").GetGuid();

        foreach (var path in new[] { $"/v1/manage/articles/{id}", $"/v1/manage/articles/{id}/preview", $"/v1/manage/articles/{id}/preview?format=html" })
        {
            var readability = (await (await editor.GetAsync(path)).JsonAsync()).GetProperty("readability");
            Assert.Equal(9.6, readability.GetProperty("article").GetProperty("fleschKincaidGrade").GetDouble());
            Assert.Equal(26, readability.GetProperty("article").GetProperty("words").GetInt32());
            Assert.Equal(["mechanism", "what_to_expect", "side_effects"], readability.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("kind").GetString()!));
            Assert.Equal(15.6, readability.GetProperty("sections")[0].GetProperty("scores").GetProperty("fleschKincaidGrade").GetDouble());
        }

        // The latest revision is scored: the plain mechanism (grade 5.8) lowers the article's grade.
        (await Articles.ReviseAsync(editor, id, "\"1\"", ReadabilityText.Body(slug, mechanism: ReadabilityText.Plain))).EnsureSuccessStatusCode();
        var two = (await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/2")).JsonAsync()).GetProperty("readability").GetRawText();
        Assert.Equal(two, (await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync()).GetProperty("readability").GetRawText());
        Assert.Equal(two, (await (await editor.GetAsync($"/v1/manage/articles/{id}/preview")).JsonAsync()).GetProperty("readability").GetRawText());
        Assert.NotEqual(9.6, JsonDocument.Parse(two).RootElement.GetProperty("article").GetProperty("fleschKincaidGrade").GetDouble());
        var one = await (await editor.GetAsync($"/v1/manage/articles/{id}/preview?revision=1")).JsonAsync();
        Assert.Equal(9.6, one.GetProperty("readability").GetProperty("article").GetProperty("fleschKincaidGrade").GetDouble());

        // Lists, delivery-shaped revision content and articles not in English carry none.
        var list = await (await editor.GetAsync($"/v1/manage/articles?slug={slug}")).JsonAsync();
        Assert.False(list.GetProperty("items")[0].TryGetProperty("readability", out _));
        var revision = await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/2")).JsonAsync();
        Assert.False(revision.GetProperty("content").TryGetProperty("readability", out _));
        var german = (await (await editor.PostAsJsonAsync("/v1/manage/articles", ReadabilityText.Body(Articles.NewSlug("scores-views-de"), "de"))).JsonAsync()).GetProperty("id").GetGuid();
        Assert.False((await (await editor.GetAsync($"/v1/manage/articles/{german}")).JsonAsync()).TryGetProperty("readability", out _));
        Assert.False((await (await editor.GetAsync($"/v1/manage/articles/{german}/preview")).JsonAsync()).TryGetProperty("readability", out _));
    }

    [Fact]
    public async Task TheRevisionViewScoresEachSectionAndTheWholeArticle()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var created = await (await editor.PostAsJsonAsync("/v1/manage/articles", ReadabilityText.Body(Articles.NewSlug("scores")))).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        var revision = await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/1")).JsonAsync();
        var readability = revision.GetProperty("readability");
        var article = readability.GetProperty("article");
        Assert.Equal(26, article.GetProperty("words").GetInt32());
        Assert.Equal(4, article.GetProperty("sentences").GetInt32());
        Assert.Equal(50, article.GetProperty("syllables").GetInt32());
        Assert.Equal(7, article.GetProperty("longWords").GetInt32());
        Assert.Equal(0.269, article.GetProperty("longWordShare").GetDouble());
        Assert.Equal(37.5, article.GetProperty("fleschReadingEase").GetDouble());
        Assert.Equal(9.6, article.GetProperty("fleschKincaidGrade").GetDouble());
        var sections = readability.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(["mechanism", "what_to_expect", "side_effects"], sections.Select(s => s.GetProperty("kind").GetString()!));
        Assert.Equal(15.6, sections[0].GetProperty("scores").GetProperty("fleschKincaidGrade").GetDouble());
        Assert.Equal(61.3, sections[1].GetProperty("scores").GetProperty("fleschReadingEase").GetDouble());

        // Not English: no scores (the formulas are for English).
        var german = await (await editor.PostAsJsonAsync("/v1/manage/articles", ReadabilityText.Body(Articles.NewSlug("scores-de"), "de"))).JsonAsync();
        var germanRevision = await (await editor.GetAsync($"/v1/manage/articles/{german.GetProperty("id").GetGuid()}/revisions/1")).JsonAsync();
        Assert.Equal(JsonValueKind.Null, germanRevision.GetProperty("readability").ValueKind);
    }
}

/// <summary>An API with Content:MaxGradeLevel set.</summary>
public sealed class GradeGateApi : ApiFactory
{
    public GradeGateApi() => With("Content:MaxGradeLevel", "8");
}

public sealed class GradeGateTests(GradeGateApi api) : IClassFixture<GradeGateApi>
{
    [Fact]
    public async Task AboveMaxGradeLevelPublishingIs422UnlessAnOverrideReasonIsGivenAndAudited()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var id = (await (await editor.PostAsJsonAsync("/v1/manage/articles", ReadabilityText.Body(Articles.NewSlug("hard")))).JsonAsync()).GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();

        // Grade 9.6 (hand-computed in ReadabilityText.Body) is above 8.
        var refused = await (await Articles.PublishAsync(reviewer, id, 1)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(refused.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("grade 9.6", StringComparison.Ordinal));
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal("draft", await db.ExecuteScalarAsync<string>("SELECT status FROM article WHERE id = @id", new { id }));

        var published = await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/publish",
            new { revision = 1, overrideReason = "Pharmacology terms are needed here." })).JsonAsync();
        Assert.Equal("published", published.GetProperty("status").GetString());
        var detail = JsonDocument.Parse(await db.ExecuteScalarAsync<string>(
            "SELECT detail::text FROM audit_log WHERE article_id = @id AND action = 'article.published'", new { id }) ?? "{}").RootElement;
        Assert.Equal("Pharmacology terms are needed here.", detail.GetProperty("gradeOverride").GetProperty("overrideReason").GetString());
        Assert.Equal(9.6, detail.GetProperty("gradeOverride").GetProperty("fleschKincaidGrade").GetDouble());

        // Plain text passes without a reason: every section at grade 5.8 or less.
        var easy = (await (await editor.PostAsJsonAsync("/v1/manage/articles", ReadabilityText.Body(Articles.NewSlug("easy"), mechanism: ReadabilityText.Plain))).JsonAsync())
            .GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, easy, 1)).JsonAsync();
        Assert.Equal("published", (await (await Articles.PublishAsync(reviewer, easy, 1)).JsonAsync()).GetProperty("status").GetString());
    }
}
