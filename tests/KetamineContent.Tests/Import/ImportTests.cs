using System.Net;
using System.Text;
using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Import;

public sealed class ImportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Markdown = """
        # Ketamine for chronic pain

        Ketamine is being explored for long-lasting pain that other treatments have not eased.

        ## How it works

        It blocks the NMDA receptor, which damps the signals that keep pain circuits switched on.

        ## Our clinic

        We have been open since 2012.

        ## What to expect

        Infusions run over several weeks, with monitoring by trained staff.

        ## Safety and side effects

        Nausea, dizziness and dissociation can occur.

        ## Studies

        Small trials report short-term relief.

        ## Conclusion

        It may help some people, under medical supervision.

        © 2026 Example Pain Clinic. All rights reserved.
        Follow us on social media
        """;

    private const string PlainText = """
        Ketamine and PTSD

        Ketamine is studied as a fast-acting option for post-traumatic stress disorder.

        Understanding PTSD

        PTSD can follow a traumatic event and bring flashbacks and hypervigilance.

        Mechanism of action

        Blocking NMDA receptors leads to a glutamate surge and new connections between neurons.

        The treatment process

        Sessions are spaced over weeks; each lasts about an hour.

        Side effects

        Dizziness and a dreamlike state are common during a session.

        Risk of dependence

        Unsupervised use can lead to psychological reliance.

        Call us: +1 555 010 0199
        123 Main Street, Springfield
        """;

    private const string Questions = """
        # Can ketamine help with OCD?

        A short look at what is known.

        ## How does ketamine work in the brain?

        It acts on the glutamate system rather than serotonin.

        ## What should I expect during a session?

        A dreamlike state for up to an hour, with staff nearby.

        ## Is it safe?

        Nausea and dizziness are the most common effects.

        ## Is ketamine addictive?

        Tolerance and psychological dependence are possible with misuse.

        ## What other treatments are there?

        Exposure and response prevention therapy, and medication.
        """;

    private async Task<JsonElement> ImportAsync(string text, string mediaType, string topic) =>
        (await ImportCheck.ImportAsync(api, ImportSource.Text(text, mediaType), topic)).Body;

    private async Task<Dictionary<string, string>> SectionsAsync(Guid id)
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var preview = await (await editor.GetAsync($"/v1/manage/articles/{id}/preview")).JsonAsync();
        return preview.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("kind").GetString()!, s => s.GetProperty("body").GetString()!);
    }

    [Fact]
    public async Task AMarkdownArticleImportsWithItsSectionsFoundAndFurnitureDropped()
    {
        var body = await ImportAsync(Markdown, "text/markdown", "chronic-pain");
        var report = body.GetProperty("report");
        Assert.Equal("Ketamine for chronic pain", report.GetProperty("title").GetString());
        Assert.StartsWith("Ketamine is being explored", report.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Empty(report.GetProperty("missingRequired").EnumerateArray());
        Assert.Equal([("© 2026 Example Pain Clinic. All rights reserved.", "copyright line"), ("Follow us on social media", "social media links")],
            ImportCheck.DroppedOf(report));
        var clinic = report.GetProperty("headings").EnumerateArray().Single(h => h.GetProperty("heading").GetString() == "Our clinic");
        Assert.Equal("mechanism", clinic.GetProperty("mergedInto").GetString());

        var sections = await SectionsAsync(body.GetProperty("article").GetProperty("id").GetGuid());
        Assert.Contains("NMDA", sections["mechanism"], StringComparison.Ordinal);
        Assert.Contains("Infusions", sections["what_to_expect"], StringComparison.Ordinal);
        Assert.Contains("Nausea", sections["side_effects"], StringComparison.Ordinal);
        Assert.Contains("trials", sections["evidence"], StringComparison.Ordinal);
        Assert.Contains("supervision", sections["conclusion"], StringComparison.Ordinal);
        Assert.DoesNotContain(sections.Values, v => v.Contains("rights reserved", StringComparison.Ordinal) || v.Contains("Follow us", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlainTextWithHeadingLinesImportsWithItsSectionsFound()
    {
        var body = await ImportAsync(PlainText, "text/plain", "ptsd");
        Assert.Equal("Ketamine and PTSD", body.GetProperty("report").GetProperty("title").GetString());
        Assert.Empty(body.GetProperty("report").GetProperty("missingRequired").EnumerateArray());
        var sections = await SectionsAsync(body.GetProperty("article").GetProperty("id").GetGuid());
        Assert.Contains("flashbacks", sections["overview"], StringComparison.Ordinal);
        Assert.Contains("glutamate", sections["mechanism"], StringComparison.Ordinal);
        Assert.Contains("Sessions", sections["what_to_expect"], StringComparison.Ordinal);
        Assert.Contains("Dizziness", sections["side_effects"], StringComparison.Ordinal);
        Assert.Contains("reliance", sections["risks"], StringComparison.Ordinal);
        Assert.DoesNotContain(sections.Values, v => v.Contains("555", StringComparison.Ordinal) || v.Contains("Main Street", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuestionStyleHeadingsAreMappedByTheirMeaning()
    {
        var body = await ImportAsync(Questions, "text/markdown", "ocd");
        var kinds = body.GetProperty("report").GetProperty("headings").EnumerateArray()
            .ToDictionary(h => h.GetProperty("heading").GetString()!, h => h.GetProperty("kind").GetString());
        Assert.Equal("mechanism", kinds["How does ketamine work in the brain?"]);
        Assert.Equal("what_to_expect", kinds["What should I expect during a session?"]);
        Assert.Equal("side_effects", kinds["Is it safe?"]);
        Assert.Equal("risks", kinds["Is ketamine addictive?"]);
        Assert.Equal("alternatives", kinds["What other treatments are there?"]);
        Assert.Empty(body.GetProperty("report").GetProperty("missingRequired").EnumerateArray());
    }

    [Fact]
    public async Task MissingRequiredSectionsAreReportedAndBadImportsRefused()
    {
        var body = await ImportAsync("# Ketamine notes\n\nA first paragraph.\n\n## How it works\n\nNMDA blockade.\n", "text/markdown", "depression");
        Assert.Equal(["side_effects", "what_to_expect"], body.GetProperty("report").GetProperty("missingRequired").EnumerateArray().Select(k => k.GetString()!).Order().ToArray());

        using var editor = api.Client(await api.KeyAsync("editor"));
        await (await editor.PostAsync("/v1/manage/articles/import?slug=x-y&topic=depression", new StringContent("{}", Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await editor.PostAsync("/v1/manage/articles/import?slug=Bad%20Slug&topic=depression", new StringContent("# T", Encoding.UTF8, "text/markdown")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await editor.PostAsync("/v1/manage/articles/import?slug=ok-slug&topic=no-such-topic", new StringContent("# T\n\nx", Encoding.UTF8, "text/markdown")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
