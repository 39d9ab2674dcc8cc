using System.Net;
using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Clinical;

/// <summary>GET /v1/infobutton as an EHR calls it (HL7 URL-based Infobutton); the Atom feed read by feedparser from npm.</summary>
public sealed class InfobuttonTests(ClinicalApi api) : IClassFixture<ClinicalApi>
{
    private const string Icd10Cm = "2.16.840.1.113883.6.90";
    private const string Snomed = "2.16.840.1.113883.6.96";
    private const string RxNorm = "2.16.840.1.113883.6.88";
    private const string Depression = "ketamine-for-depression-and-the-risk-of-dependence";

    private static string Ask(string code, string oid, string extra = "") =>
        $"/v1/infobutton?mainSearchCriteria.v.c={Uri.EscapeDataString(code)}&mainSearchCriteria.v.cs={oid}{extra}";

    private static string[] Links(JsonElement parsed) => parsed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("link").GetString()!).ToArray();

    [Fact]
    public async Task AnEhrAskingForF329InAtomGetsThePublishedDepressionArticlesWithLinksAndReviewDates()
    {
        using var reader = api.Client(null);
        var response = await reader.GetAsync(Ask("F32.9", Icd10Cm, "&informationRecipient=PAT&mainSearchCriteria.v.dn=Major%20depressive%20disorder"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("articles", response.Headers.GetValues("Surrogate-Key").Single().Split(' '));
        var feed = await ClinicalTools.ParseFeedAsync(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("atom", feed.GetProperty("meta").GetProperty("#type").GetString());
        Assert.Equal([$"https://example.org/en/{Depression}"], Links(feed));
        var entry = feed.GetProperty("items")[0];
        Assert.Equal("Ketamine for depression, and the risk of dependence", entry.GetProperty("title").GetString());
        Assert.StartsWith("urn:uuid:", entry.GetProperty("guid").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(entry.GetProperty("summary").GetString()));
        Assert.True(entry.GetProperty("date").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", entry.GetProperty("kc:lastreviewed").GetProperty("#").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", entry.GetProperty("kc:nextreviewdue").GetProperty("#").GetString());

        var categories = feed.GetProperty("meta").GetProperty("atom:category").EnumerateArray()
            .Select(c => c.GetProperty("@").GetProperty("scheme").GetString() + "=" + c.GetProperty("@").GetProperty("term").GetString()).ToArray();
        Assert.Contains("mainSearchCriteria.v.c=F32.9", categories);
        Assert.Contains($"mainSearchCriteria.v.cs={Icd10Cm}", categories);
        Assert.Contains("informationRecipient=PAT", categories);
    }

    [Fact]
    public async Task TheSameRequestInJsonHasTheShapeMedlinePlusConnectAnswers()
    {
        using var reader = api.Client(null);
        var response = await reader.GetAsync(Ask("F32.9", Icd10Cm, "&knowledgeResponseType=application/json"));
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var feed = (await response.JsonAsync()).GetProperty("feed");
        Assert.Equal("en", feed.GetProperty("lang").GetString());
        Assert.Contains(feed.GetProperty("category").EnumerateArray(), c => c.GetProperty("scheme").GetString() == "mainSearchCriteria.v.c" && c.GetProperty("term").GetString() == "F32.9");
        var entry = feed.GetProperty("entry").EnumerateArray().Single();
        Assert.Equal($"https://example.org/en/{Depression}", entry.GetProperty("link")[0].GetProperty("href").GetString());
        Assert.Equal("alternate", entry.GetProperty("link")[0].GetProperty("rel").GetString());
        Assert.Equal("Ketamine for depression, and the risk of dependence", entry.GetProperty("title").GetProperty("_value").GetString());
        Assert.StartsWith("urn:uuid:", entry.GetProperty("id").GetProperty("_value").GetString(), StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", entry.GetProperty("lastReviewed").GetProperty("_value").GetString());
        Assert.True(entry.GetProperty("updated").GetProperty("_value").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task TheNearestAncestorWinsAndAnArticlesOwnCodeMatchesBesideItsTopics()
    {
        using var reader = api.Client(null);
        // F50.81 is the compulsive eating article's own code; F50.819 is below it, F10.20 below the addiction topic's F10.
        var eating = await ClinicalTools.ParseFeedAsync(await reader.GetByteArrayAsync(Ask("F50.819", Icd10Cm)));
        Assert.Equal(["https://example.org/en/ketamine-and-compulsive-eating"], Links(eating));
        var alcohol = await ClinicalTools.ParseFeedAsync(await reader.GetByteArrayAsync(Ask("f10.20", Icd10Cm)));
        Assert.Equal(
            ["https://example.org/en/ketamine-and-compulsive-eating", "https://example.org/en/ketamine-for-addiction"],
            Links(alcohol).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task ASnomedOrRxNormCodeMatchesWhereTheContentIsCoded()
    {
        // Test fixtures, not sample content: a topic and an article of this test, coded here.
        var topic = await api.NewTopicAsync("Test condition");
        var slug = Articles.NewSlug("snomed");
        var id = await api.PublishedInAsync(topic, slug, "Ketamine for a coded condition");
        await api.SetTopicCodesAsync(topic, new { system = "snomed-ct", code = "35489007" });
        using var editor = api.Client(await api.KeyAsync("editor"));
        await (await editor.SendAsync(ClinicalApi.Put($"/v1/manage/articles/{id}/clinical", "\"0\"",
            new { codes = new[] { new { system = "rxnorm", code = "6130" } } }))).JsonAsync();

        using var reader = api.Client(null);
        await ClinicalApi.EventuallyAsync(async () => Links(await ClinicalTools.ParseFeedAsync(await reader.GetByteArrayAsync(Ask("35489007", Snomed))))
            .SequenceEqual([$"https://example.org/en/{slug}"]), "the SNOMED CT code's entry");
        await ClinicalApi.EventuallyAsync(async () => Links(await ClinicalTools.ParseFeedAsync(await reader.GetByteArrayAsync(Ask("6130", RxNorm))))
            .SequenceEqual([$"https://example.org/en/{slug}"]), "the RxNorm code's entry");
    }

    [Theory]
    [InlineData("Z00.00", Icd10Cm)]
    [InlineData("404684003", Snomed)]
    [InlineData("2345-7", "2.16.840.1.113883.6.1")] // LOINC: a code system this API holds no codes of
    public async Task ACodeThatMatchesNothingIsAnEmptyFeed(string code, string oid)
    {
        using var reader = api.Client(null);
        var response = await reader.GetAsync(Ask(code, oid));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feed = await ClinicalTools.ParseFeedAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(feed.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task TheDisplayNameIsSearchedAsTextWhenNoCodeMatches()
    {
        using var reader = api.Client(null);
        var feed = await ClinicalTools.ParseFeedAsync(await reader.GetByteArrayAsync(Ask("Z00.00", Icd10Cm, "&mainSearchCriteria.v.dn=Social%20anxiety%20disorder")));
        Assert.Contains("https://example.org/en/ketamine-for-anxiety", Links(feed));
        var byName = await ClinicalTools.ParseFeedAsync(await reader.GetByteArrayAsync("/v1/infobutton?mainSearchCriteria.v.dn=anxiety"));
        Assert.Contains("https://example.org/en/ketamine-for-anxiety", Links(byName));
    }

    [Fact]
    public async Task ParametersOfTheStandardThisApiDoesNotUseAreIgnored()
    {
        using var reader = api.Client(null);
        var plain = await reader.GetStringAsync(Ask("F32.9", Icd10Cm, "&knowledgeResponseType=application/json"));
        var withContext = await reader.GetAsync(Ask("F32.9", Icd10Cm,
            "&knowledgeResponseType=application/json&patientPerson.administrativeGenderCode.c=F&age.v.v=45&age.v.u=a&taskContext.c.c=PROBLISTREV" +
            "&performer=PROV&holder.assignedEntity.n=Test&encounter.c.c=AMB&xsltTransform=foo"));
        Assert.Equal(HttpStatusCode.OK, withContext.StatusCode);
        Assert.Equal(plain, await withContext.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/v1/infobutton", "mainSearchCriteria.v.c")]
    [InlineData("/v1/infobutton?mainSearchCriteria.v.c=F32.9", "mainSearchCriteria.v.cs")]
    [InlineData("/v1/infobutton?mainSearchCriteria.v.c=F32.9&mainSearchCriteria.v.cs=icd10", "mainSearchCriteria.v.cs")]
    [InlineData("/v1/infobutton?mainSearchCriteria.v.c=F32%27--&mainSearchCriteria.v.cs=2.16.840.1.113883.6.90", "mainSearchCriteria.v.c")]
    [InlineData("/v1/infobutton?mainSearchCriteria.v.c=35489008&mainSearchCriteria.v.cs=2.16.840.1.113883.6.96", "mainSearchCriteria.v.c")]
    [InlineData("/v1/infobutton?mainSearchCriteria.v.c=F32&mainSearchCriteria.v.c=F33&mainSearchCriteria.v.cs=2.16.840.1.113883.6.90", "mainSearchCriteria.v.c")]
    [InlineData("/v1/infobutton?mainSearchCriteria.v.dn=anxiety&informationRecipient=DOCTOR", "informationRecipient")]
    [InlineData("/v1/infobutton?mainSearchCriteria.v.dn=anxiety&informationRecipient.languageCode.c=english", "informationRecipient.languageCode.c")]
    [InlineData("/v1/infobutton?mainSearchCriteria.v.dn=anxiety&knowledgeResponseType=text/html", "knowledgeResponseType")]
    // A control character at either end was trimmed by the check but echoed into the feed, whose XmlWriter threw (500).
    [InlineData("/v1/infobutton?mainSearchCriteria.v.c=F32%0B&mainSearchCriteria.v.cs=2.16.840.1.113883.6.90", "mainSearchCriteria.v.c")]
    [InlineData("/v1/infobutton?mainSearchCriteria.v.dn=%0Cdepression", "mainSearchCriteria.v.dn")]
    [InlineData("/v1/infobutton?mainSearchCriteria.v.dn=depression&informationRecipient=PAT%0B", "informationRecipient")]
    [InlineData("/v1/infobutton?mainSearchCriteria.v.dn=depression%EF%BF%BE", "mainSearchCriteria.v.dn")]
    public async Task AMalformedRequestIs400ProblemJsonNamingTheParameter(string path, string parameter)
    {
        using var reader = api.Client(null);
        var problem = await (await reader.GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(parameter, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersAreCachedAndDroppedWhenATopicsCodesChange()
    {
        var topic = await api.NewTopicAsync("Cached condition");
        var slug = Articles.NewSlug("cached");
        await api.PublishedInAsync(topic, slug, "Ketamine and a cached lookup");
        using var reader = api.Client(null);
        var path = Ask("F99", Icd10Cm, "&knowledgeResponseType=application/json");
        var first = await reader.GetAsync(path);
        var etag = first.Headers.ETag!.Tag;
        Assert.Empty((await first.JsonAsync()).GetProperty("feed").GetProperty("entry").EnumerateArray());
        using (var again = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "If-None-Match", etag } } })
        {
            Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(again)).StatusCode);
        }

        await api.SetTopicCodesAsync(topic, new { system = "icd-10-cm", code = "F99" });
        await ClinicalApi.EventuallyAsync(async () =>
            (await (await reader.GetAsync(path)).JsonAsync()).GetProperty("feed").GetProperty("entry").GetArrayLength() == 1, "the new code's entry");
    }

    [Fact]
    public async Task AnAddressOverItsLimitGets429()
    {
        await using var limited = new ApiFactory().With("RateLimits:PerAddressPerMinute", "2").With("Cache:Enabled", "false");
        await limited.InitializeAsync();
        using var reader = limited.Client(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await reader.GetAsync(Ask("F32." + i, Icd10Cm))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
