using System.Net;
using System.Text.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Clinical;

public sealed class ClinicalCodeTests(ClinicalApi api) : IClassFixture<ClinicalApi>
{
    private static string[] Codes(JsonElement list) => list.EnumerateArray().Select(c => $"{c.GetProperty("system").GetString()}:{c.GetProperty("code").GetString()}").ToArray();

    [Fact]
    public async Task TheSampleTopicsCarryTheirIcd10CmCodesAndTheCompulsiveEatingArticleBingeEating()
    {
        using var reader = api.Client(null);
        var topics = (await (await reader.GetAsync("/v1/topics")).JsonAsync()).GetProperty("items").EnumerateArray()
            .ToDictionary(t => t.GetProperty("slug").GetString()!, t => t);
        Assert.Equal(["icd-10-cm:F32", "icd-10-cm:F33"], Codes(topics["depression"].GetProperty("codes")));
        Assert.Equal(["icd-10-cm:F19", "icd-10-cm:F10", "icd-10-cm:F11"], Codes(topics["addiction"].GetProperty("codes")));
        Assert.Equal("F32", topics["depression"].GetProperty("icd10").GetString());
        Assert.Equal("Major depressive disorder, recurrent", topics["depression"].GetProperty("codes")[1].GetProperty("display").GetString());

        var eating = await (await reader.GetAsync("/v1/articles/ketamine-and-compulsive-eating")).JsonAsync();
        Assert.Equal(["icd-10-cm:F50.81"], Codes(eating.GetProperty("codes")));
    }

    [Fact]
    public async Task AnAdminReplacesATopicsCodesWithIfMatchAuditedAndJsonLdAboutCodeListsThemAll()
    {
        var topic = await api.NewTopicAsync("Treatment-resistant depression");
        var slug = Articles.NewSlug("coded");
        await api.PublishedInAsync(topic, slug, "Ketamine when other treatments have not helped");
        using var admin = api.Client(ApiFactory.AdminKey);
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reader = api.Client(null);
        var path = $"/v1/manage/topics/{topic}/codes";

        var before = await admin.GetAsync(path);
        Assert.Equal("\"1\"", before.Headers.ETag!.Tag);
        Assert.Empty((await before.JsonAsync()).GetProperty("codes").EnumerateArray());
        var ld = await (await reader.GetAsync($"/v1/articles/{slug}?format=jsonld")).Content.ReadAsStringAsync(); // cached now
        Assert.DoesNotContain("codeValue", ld, StringComparison.Ordinal);

        object[] codes =
        [
            new { system = "icd-10-cm", code = "F32.A", display = "Depression, unspecified" },
            new { system = "snomed-ct", code = "35489007", display = "Depressive disorder" },
        ];
        await (await admin.SendAsync(ClinicalApi.Put(path, null, new { codes }))).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        var stale = await (await admin.SendAsync(ClinicalApi.Put(path, "\"7\"", new { codes }))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("\"1\"", stale.GetProperty("currentETag").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.SendAsync(ClinicalApi.Put(path, "\"1\"", new { codes }))).StatusCode);
        await (await admin.SendAsync(ClinicalApi.Put("/v1/manage/topics/no-such-topic/codes", "\"1\"", new { codes }))).AssertProblemAsync(HttpStatusCode.NotFound);

        var replaced = await admin.SendAsync(ClinicalApi.Put(path, "\"1\"", new { codes }));
        Assert.Equal("\"2\"", replaced.Headers.ETag!.Tag);
        Assert.Equal(["icd-10-cm:F32.A", "snomed-ct:35489007"], Codes((await replaced.JsonAsync()).GetProperty("codes")));

        // The cached JSON-LD is dropped: about.code now lists both codes, as the jsonld processor reads them.
        JsonElement about = default;
        await ClinicalApi.EventuallyAsync(async () =>
        {
            var expanded = await ClinicalTools.ExpandJsonLdAsync(reader, $"/v1/articles/{slug}?format=jsonld");
            about = expanded[0].GetProperty("https://schema.org/about")[0];
            return about.TryGetProperty("https://schema.org/code", out _);
        }, "JSON-LD about.code after the change");
        var coded = about.GetProperty("https://schema.org/code").EnumerateArray()
            .Select(c => c.GetProperty("https://schema.org/codingSystem")[0].GetProperty("@value").GetString() + " " + c.GetProperty("https://schema.org/codeValue")[0].GetProperty("@value").GetString())
            .ToArray();
        Assert.Equal(["ICD-10-CM F32.A", "SNOMED CT 35489007"], coded);
        Assert.Equal(["https://schema.org/MedicalCondition"], about.GetProperty("@type").EnumerateArray().Select(t => t.GetString()!));

        await using var db = await api.OpenDatabaseAsync();
        var audit = (await db.QueryAsync<string>("SELECT detail::text FROM audit_log WHERE action = 'topic.codes_updated' AND detail->>'topic' = @topic", new { topic })).Single();
        Assert.Contains("35489007", audit, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"codes\":[{\"system\":\"snomed-ct\",\"code\":\"35489008\"}]}")] // wrong Verhoeff check digit
    [InlineData("{\"codes\":[{\"system\":\"icd-10-cm\",\"code\":\"f32\"}]}")]
    [InlineData("{\"codes\":[{\"system\":\"icd-10-cm\",\"code\":\"F32.\"}]}")]
    [InlineData("{\"codes\":[{\"system\":\"loinc\",\"code\":\"1234-5\"}]}")]
    [InlineData("{\"codes\":[{\"system\":\"rxnorm\",\"code\":\"0123\"}]}")]
    [InlineData("{\"codes\":[{\"system\":\"icd-10-cm\",\"code\":\"F32\"},{\"system\":\"icd-10-cm\",\"code\":\"F32\"}]}")]
    [InlineData("{\"codes\":null}")]
    [InlineData("{\"codes\":[null]}")]
    public async Task MalformedCodesAre400AndChangeNothing(string body)
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/manage/topics/anxiety/codes") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", (await admin.GetAsync("/v1/manage/topics/anxiety/codes")).Headers.ETag!.Tag);
        await (await admin.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest);
        var after = await (await admin.GetAsync("/v1/manage/topics/anxiety/codes")).JsonAsync();
        Assert.Equal(["icd-10-cm:F41"], Codes(after.GetProperty("codes")));
    }

    [Fact]
    public async Task AnArticleDeclaresMedicationCodesFundingAndConflictsShownInJsonAndJsonLd()
    {
        var slug = Articles.NewSlug("declared");
        var id = await api.PublishedInAsync("depression", slug, "Ketamine nasal spray");
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reader = api.Client(null);
        var path = $"/v1/manage/articles/{id}/clinical";
        var current = await editor.GetAsync(path);
        Assert.Equal("\"0\"", current.Headers.ETag!.Tag);
        await reader.GetAsync($"/v1/articles/{slug}"); // cached now

        var body = new
        {
            codes = new[] { new { system = "rxnorm", code = "6130", display = "ketamine" } },
            funding = "Written without outside funding.",
            conflictsOfInterest = "The reviewer has received speaker fees from a maker of esketamine.",
        };
        await (await editor.SendAsync(ClinicalApi.Put(path, null, body))).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        var replaced = await editor.SendAsync(ClinicalApi.Put(path, "\"0\"", body));
        Assert.Equal("\"1\"", replaced.Headers.ETag!.Tag);

        JsonElement article = default;
        await ClinicalApi.EventuallyAsync(async () =>
        {
            article = await (await reader.GetAsync($"/v1/articles/{slug}")).JsonAsync();
            return article.GetProperty("codes").GetArrayLength() == 1;
        }, "the article's codes after the change");
        Assert.Equal(["rxnorm:6130"], Codes(article.GetProperty("codes")));
        Assert.Equal(body.funding, article.GetProperty("funding").GetString());
        Assert.Equal(body.conflictsOfInterest, article.GetProperty("conflictsOfInterest").GetString());
        var html = await (await reader.GetAsync($"/v1/articles/{slug}?format=html")).JsonAsync();
        Assert.Equal(body.conflictsOfInterest, html.GetProperty("conflictsOfInterest").GetString());

        var expanded = (await ClinicalTools.ExpandJsonLdAsync(reader, $"/v1/articles/{slug}?format=jsonld"))[0];
        var drug = expanded.GetProperty("https://schema.org/about")[0].GetProperty("https://schema.org/drug")[0];
        Assert.Equal("https://schema.org/Drug", drug.GetProperty("@type")[0].GetString());
        Assert.Equal("6130", drug.GetProperty("https://schema.org/code")[0].GetProperty("https://schema.org/codeValue")[0].GetProperty("@value").GetString());
        Assert.Equal(body.funding, expanded.GetProperty("https://schema.org/funding")[0].GetProperty("https://schema.org/description")[0].GetProperty("@value").GetString());

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE action = 'article.clinical_updated' AND article_id = @id", new { id }));
    }

    [Fact]
    public async Task JsonLdListsTheSectionsAsHealthAspectsWithPublisherLicenceAndReviewDates()
    {
        using var reader = api.Client(null);
        var expanded = (await ClinicalTools.ExpandJsonLdAsync(reader, "/v1/articles/ketamine-for-anxiety?format=jsonld"))[0];
        string Value(JsonElement node, string property) => node.GetProperty("https://schema.org/" + property)[0].GetProperty("@value").GetString()!;

        var parts = expanded.GetProperty("https://schema.org/hasPart").EnumerateArray().ToList();
        var article = await (await reader.GetAsync("/v1/articles/ketamine-for-anxiety")).JsonAsync();
        Assert.Equal(article.GetProperty("sections").GetArrayLength(), parts.Count);
        Assert.All(parts, p => Assert.Equal("https://schema.org/HealthTopicContent", p.GetProperty("@type")[0].GetString()));
        var aspects = parts.Select(p => Value(p, "hasHealthAspect")).ToList();
        Assert.Contains("https://schema.org/SideEffectsHealthAspect", aspects);
        Assert.Contains("https://schema.org/HowItWorksHealthAspect", aspects);
        Assert.Contains("https://schema.org/PatientExperienceHealthAspect", aspects);
        var sideEffects = parts.Single(p => Value(p, "hasHealthAspect") == "https://schema.org/SideEffectsHealthAspect");
        Assert.Contains("nausea", Value(sideEffects, "text"), StringComparison.Ordinal);
        Assert.DoesNotContain("**", Value(sideEffects, "text"), StringComparison.Ordinal);

        Assert.Equal("Example Clinic Press", Value(expanded.GetProperty("https://schema.org/publisher")[0], "name"));
        Assert.Equal("Example Clinic Press", Value(expanded.GetProperty("https://schema.org/copyrightHolder")[0], "name"));
        Assert.Equal(ClinicalApi.License, Value(expanded, "license"));
        Assert.Equal("From Example Clinic Press, reviewed by its clinicians.", Value(expanded, "creditText"));
        var due = article.GetProperty("nextReviewDue").GetDateTimeOffset();
        Assert.Equal(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Value(expanded, "expires"));

        var publisher = article.GetProperty("publisher");
        Assert.Equal("Example Clinic Press", publisher.GetProperty("name").GetString());
        Assert.Equal(ClinicalApi.License, publisher.GetProperty("license").GetString());
        Assert.Equal("From Example Clinic Press, reviewed by its clinicians.", publisher.GetProperty("attribution").GetString());
        Assert.Equal(article.GetProperty("review").GetProperty("reviewDue").GetDateTimeOffset(), due);
    }

    [Theory]
    [InlineData("reviewDue", "nextReviewDue", false)]
    [InlineData("-reviewDue", "nextReviewDue", true)]
    [InlineData("lastReviewed", "lastReviewed", false)]
    [InlineData("-lastReviewed", "lastReviewed", true)]
    public async Task PublicListsSortByTheReviewDatesAcrossPages(string sort, string field, bool descending)
    {
        using var reader = api.Client(null);
        var all = await (await reader.GetAsync("/v1/articles?limit=100")).JsonAsync();
        var expectedCount = all.GetProperty("items").GetArrayLength();
        var values = new List<DateTimeOffset>();
        string? cursor = null;
        do
        {
            var page = await (await reader.GetAsync($"/v1/articles?sort={sort}&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).JsonAsync();
            values.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(field).GetDateTimeOffset()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(expectedCount, values.Count);
        Assert.Equal(descending ? values.OrderDescending() : values.Order(), values);
    }
}
