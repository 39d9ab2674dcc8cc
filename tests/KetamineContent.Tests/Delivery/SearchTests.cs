using System.Net;
using System.Net.Http.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Delivery;

public sealed class SearchTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task AWordFromTheSideEffectsSectionFindsTheArticleAndSaysWhereItMatched()
    {
        var body = await (await _client.GetAsync("/v1/search?q=" + Uri.EscapeDataString("\"Schedule III\""))).JsonAsync();
        var hit = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal("ketamine-and-compulsive-eating", hit.GetProperty("slug").GetString());
        Assert.Equal("side_effects", hit.GetProperty("sectionKind").GetString());
        Assert.Contains("<mark>Schedule</mark>", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.True(hit.GetProperty("rank").GetDouble() > 0);
    }

    [Fact]
    public async Task TheSnippetMarksEveryFormOfTheQueryWordsAroundTheMostMatchesInAtMost35Words()
    {
        var marker = "zq" + Guid.NewGuid().ToString("N")[..8];
        var filler = string.Join(' ', Enumerable.Range(1, 30).Select(i => "filler" + (char)('a' + (i % 26))));
        // 'studies' and 'Study' stem to the query's 'studi'; 'the' is a stop word; the matches sit after 30 words of filler.
        var text = $"{filler} {marker} <b>Studies</b> of the drug & one Study more: {marker}. Then {filler}.";
        await PublishedAsync("snippet-window", "Effects start within minutes.", evidence: text);

        var hit = Assert.Single((await (await _client.GetAsync($"/v1/search?q={marker}+study")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal("evidence", hit.GetProperty("sectionKind").GetString());
        var snippet = hit.GetProperty("snippet").GetString()!;
        Assert.Equal(
            $"fillera fillerb fillerc fillerd fillere <mark>{marker}</mark> &lt;b&gt;<mark>Studies</mark>&lt;/b&gt; of the drug &amp; one <mark>Study</mark> more: <mark>{marker}</mark>.",
            snippet[..snippet.IndexOf('.', StringComparison.Ordinal)] + ".");
        var plain = System.Net.WebUtility.HtmlDecode(snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal));
        var words = System.Text.RegularExpressions.Regex.Matches(plain, @"[\p{L}\p{N}]+").Count;
        Assert.Equal(35, words);
    }

    [Fact]
    public async Task AStemThatChangesTheWordsStartIsMarkedAndALongRunOfPunctuationKeepsTheSnippetShort()
    {
        var marker = "zq" + Guid.NewGuid().ToString("N")[..8];
        await PublishedAsync("snippet-lying", $"Patients rest lying down {marker} " + new string('&', 3000) + " after.");

        // 'lie' is the stem of 'lying': the word starts differently from its stem and is still marked.
        var hit = Assert.Single((await (await _client.GetAsync($"/v1/search?q={marker}+lie")).JsonAsync()).GetProperty("items").EnumerateArray());
        var snippet = hit.GetProperty("snippet").GetString()!;
        // The run of 3,000 '&' would pass the 560 characters a snippet shows: the snippet ends at the last word before it.
        Assert.Equal($"Patients rest <mark>lying</mark> down <mark>{marker}</mark>", snippet);
        Assert.InRange(snippet.Length, 1, 4000);
    }

    [Fact]
    public async Task ADoseAndAnAddressThatPostgreSqlKeepsWholeAreMarkedWhole()
    {
        var marker = "zq" + Guid.NewGuid().ToString("N")[..8];
        await PublishedAsync("snippet-dose", $"In the {marker} trial a dose of 0.5 mg/kg was given over 40 minutes (10.5 mg/kgs is no dose); write to Care@example.org.");

        var hit = Assert.Single((await (await _client.GetAsync($"/v1/search?q={marker}+0.5+mg/kg+care@example.org")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal(
            $"In the <mark>{marker}</mark> trial a dose of <mark>0.5</mark> <mark>mg/kg</mark> was given over 40 minutes (10.5 mg/kgs is no dose); write to <mark>Care@example.org</mark>.",
            hit.GetProperty("snippet").GetString());
    }

    [Fact]
    public async Task AMatchAfterALongRunOfPunctuationIsShownAndEscapingKeepsTheSnippetUnder4000Characters()
    {
        var marker = "zq" + Guid.NewGuid().ToString("N")[..8];
        var accented = "z" + new string('\u00e9', 14) + marker[2..6];
        await PublishedAsync("snippet-escape", new string('-', 700) + $" {marker} after.", sideEffects: string.Concat(Enumerable.Repeat($"\"{accented}\" ", 60)));

        var afterDashes = Assert.Single((await (await _client.GetAsync($"/v1/search?q={marker}")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal($"<mark>{marker}</mark> after.", afterDashes.GetProperty("snippet").GetString());
        var escaped = Assert.Single((await (await _client.GetAsync($"/v1/search?q={Uri.EscapeDataString(accented)}")).JsonAsync()).GetProperty("items").EnumerateArray());
        var snippet = escaped.GetProperty("snippet").GetString()!;
        Assert.Contains("<mark>", snippet, StringComparison.Ordinal);
        Assert.InRange(snippet.Length, 2000, 4000); // about 560 characters, most of them escaped as &#233; or &quot;
    }

    /// <summary>Publishes (reviewed) an article of this test whose sections hold the given bodies.</summary>
    private async Task PublishedAsync(string slugStem, string whatToExpect, string sideEffects = "Nausea can follow a session.", string? evidence = null)
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var sections = new List<object>
        {
            new { kind = "mechanism", heading = "How it works", body = "It blocks the NMDA receptor." },
            new { kind = "what_to_expect", heading = "What to expect", body = whatToExpect },
            new { kind = "side_effects", heading = "Side effects", body = sideEffects },
        };
        if (evidence is not null)
        {
            sections.Add(new { kind = "evidence", heading = "Evidence", body = evidence });
        }

        var created = await editor.PostAsJsonAsync("/v1/manage/articles", new
        {
            slug = Articles.NewSlug(slugStem), topic = "depression", tags = new[] { "ketamine" }, locale = "en", title = "Ketamine and sleep",
            summary = "How ketamine may affect sleep.", disclaimer = "Educational information, not medical advice.", sections,
        });
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync();
    }

    [Fact]
    public async Task TitleMatchesRankAboveBodyMatches()
    {
        var body = await (await _client.GetAsync("/v1/search?q=anxiety")).JsonAsync();
        var slugs = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).ToList();
        Assert.True(slugs.Count >= 2);
        Assert.Equal("ketamine-for-anxiety", slugs[0]);
    }

    [Fact]
    public async Task FiltersAndPagesWalkEveryHitOnce()
    {
        var all = await (await _client.GetAsync("/v1/search?q=ketamine&limit=50")).JsonAsync();
        Assert.Equal(4, all.GetProperty("items").GetArrayLength());

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await _client.GetAsync("/v1/search?q=ketamine&limit=1" + (cursor is null ? "" : "&cursor=" + cursor))).JsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null && seen.Count < 10);
        Assert.Equal(4, seen.Distinct().Count());
        Assert.Equal(4, seen.Count);

        var addiction = await (await _client.GetAsync("/v1/search?q=ketamine&topic=addiction")).JsonAsync();
        Assert.Equal(2, addiction.GetProperty("items").GetArrayLength());
        var tagged = await (await _client.GetAsync("/v1/search?q=ketamine&tag=dependence")).JsonAsync();
        Assert.Single(tagged.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("(((")]
    [InlineData("!!!")]
    [InlineData("a & b | !c")]
    [InlineData("'; DROP TABLE article; --")]
    [InlineData("\\")]
    [InlineData("-ketamine")]
    [InlineData("or")]
    [InlineData("the")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("ketamine:*")]
    [InlineData("ケタミン")]
    [InlineData("😀😀")]
    [InlineData("\"unclosed phrase")]
    public async Task AnyOddQueryIsAnsweredWith200(string q)
    {
        var response = await _client.GetAsync("/v1/search?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.JsonAsync();
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("q=", "q")]
    [InlineData("q=%20%20", "q")]
    [InlineData("q=a%00b", "q")]
    [InlineData("q=ketamine&limit=0", "limit")]
    [InlineData("q=ketamine&limit=51", "limit")]
    [InlineData("q=ketamine&cursor=bogus", "cursor")]
    [InlineData("q=ketamine&topic=Not%20Slug", "topic")]
    [InlineData("q=ketamine&locale=xx_YY", "locale")]
    public async Task BadSearchParametersAre400(string query, string parameter)
    {
        var problem = await (await _client.GetAsync("/v1/search?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task AnOverlongQueryIs400()
    {
        var problem = await (await _client.GetAsync("/v1/search?q=" + new string('k', 201))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }
}
