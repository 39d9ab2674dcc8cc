using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Contract;

/// <summary>
/// Translations linked explicitly (issue 14, item 4): <c>translationOf: &lt;article id&gt;</c> on create puts the new
/// article in that article's translation group, whatever its slug, and delivery's <c>?locale=</c> and
/// <c>Accept-Language</c> find it from either slug; an unknown id is 422, a locale the group has already 409,
/// a malformed id 400.
/// </summary>
public sealed class TranslationOfTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ATranslationWithItsOwnSlugIsServedByLanguageNegotiationFromEitherSlug()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var english = Articles.NewSlug("linked-en");
        var englishId = await Articles.PublishedAsync(editor, reviewer, english, "In English");
        var germanSlug = Articles.NewSlug("verknuepft-de");

        // Asked for in German before the translation exists: English, and that answer is cached.
        Assert.Equal(("en", "In English"), await Negotiation.ServedAsync(reader, english, "de-DE,de;q=0.9,en;q=0.8"));

        var created = await editor.PostAsJsonAsync("/v1/manage/articles", Translation(germanSlug, "de", "Auf Deutsch", englishId));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var german = await created.JsonAsync();
        Assert.Equal(englishId, german.GetProperty("translationGroupId").GetGuid());
        var germanId = german.GetProperty("id").GetGuid();

        // The draft's own slug reveals nothing before it is published, on any public route (not even its group's English).
        foreach (var route in new[] { "", "/sections/mechanism", "?format=jsonld", $"?asOf={DateTimeOffset.UtcNow.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}", "/references" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/articles/{germanSlug}{route}")).StatusCode);
        }

        await (await Articles.ReviewAsync(reviewer, germanId, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, germanId, 1)).JsonAsync();

        Assert.Equal(("de", "Auf Deutsch"), await Negotiation.ServedAsync(reader, english, "de-DE,de;q=0.9,en;q=0.8"));
        Assert.Equal(("de", "Auf Deutsch"), await Negotiation.ServedAsync(reader, english + "?locale=de-CH", null));
        Assert.Equal(("en", "In English"), await Negotiation.ServedAsync(reader, english, null));
        Assert.Equal(("en", "In English"), await Negotiation.ServedAsync(reader, germanSlug + "?locale=en", null));
        Assert.Equal(("de", "Auf Deutsch"), await Negotiation.ServedAsync(reader, germanSlug, "de"));
        using var section = new HttpRequestMessage(HttpMethod.Get, $"/v1/articles/{english}/sections/mechanism?locale=de");
        Assert.Equal("de", (await (await reader.SendAsync(section)).JsonAsync()).GetProperty("locale").GetString());
    }

    [Fact]
    public async Task AnUnknownIdIs422ALocaleTheGroupHasIs409AndAMalformedIdIs400()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var (englishId, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("linked-draft"));
        var first = await editor.PostAsJsonAsync("/v1/manage/articles", Translation(Articles.NewSlug("erste"), "de", "Erste", englishId));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var unknown = await (await editor.PostAsJsonAsync("/v1/manage/articles", Translation(Articles.NewSlug("unbekannt"), "de", "Unbekannt", Guid.NewGuid())))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("'translationOf' names no article", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var taken = await (await editor.PostAsJsonAsync("/v1/manage/articles", Translation(Articles.NewSlug("zweite"), "de", "Zweite", englishId)))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("already has an article in 'de'", taken.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var english = await (await editor.PostAsJsonAsync("/v1/manage/articles", Translation(Articles.NewSlug("second-english"), "en", "Again", englishId)))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("already has an article in 'en'", english.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var malformed = Translation(Articles.NewSlug("kaputt"), "de", "Kaputt", englishId);
        malformed["translationOf"] = "not-a-uuid";
        var bad = await (await editor.PostAsJsonAsync("/v1/manage/articles", malformed)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("'translationOf' must be a UUID.", bad.GetProperty("errors").GetProperty("translationOf")[0].GetString());
    }

    private static JsonObject Translation(string slug, string locale, string title, Guid of)
    {
        var body = JsonNode.Parse(JsonSerializer.Serialize(Articles.Body(slug, title)))!.AsObject();
        body["locale"] = locale;
        body["translationOf"] = of;
        return body;
    }
}
