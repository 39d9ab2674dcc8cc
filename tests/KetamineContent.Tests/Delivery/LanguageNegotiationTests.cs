using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KetamineContent.Tests.Infrastructure;
using KetamineContent.Tests.Sync;

namespace KetamineContent.Tests.Delivery;

/// <summary>Accept-Language and ?locale= as browsers send them: q-values, region fallback (RFC 4647 lookup), en last.</summary>
public sealed class LanguageNegotiationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task BrowserLanguagePreferencesPickTheGermanTranslationAndDeletedSyncEntriesCarryTheLocale()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var slug = Articles.NewSlug("negotiated");
        await Articles.PublishedAsync(editor, reviewer, slug, "In English");
        var german = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Articles.Body(slug, "Auf Deutsch")))!.AsObject();
        german["locale"] = "de";
        var created = await (await editor.PostAsJsonAsync("/v1/manage/articles", german)).JsonAsync();
        var germanId = created.GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, germanId, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, germanId, 1)).JsonAsync();

        Task<(string Locale, string Title)> Served(string query, string? acceptLanguage) => Negotiation.ServedAsync(reader, slug + query, acceptLanguage);

        Assert.Equal(("de", "Auf Deutsch"), await Served("", "de-DE,de;q=0.9,en;q=0.8"));
        Assert.Equal(("de", "Auf Deutsch"), await Served("?locale=de-CH", null));
        Assert.Equal(("de", "Auf Deutsch"), await Served("", "fr-FR,fr;q=0.9,de;q=0.5"));
        Assert.Equal(("en", "In English"), await Served("", "fr-FR,fr;q=0.9"));
        Assert.Equal(("en", "In English"), await Served("", "de;q=0,en;q=0.8"));
        Assert.Equal(("en", "In English"), await Served("", null));
        Assert.Equal(("de", "Auf Deutsch"), await Served("", "de-AT"));

        using var section = new HttpRequestMessage(HttpMethod.Get, $"/v1/articles/{slug}/sections/mechanism");
        section.Headers.TryAddWithoutValidation("Accept-Language", "de-CH, en;q=0.5");
        Assert.Equal("de", (await (await reader.SendAsync(section)).JsonAsync()).GetProperty("locale").GetString());
        await (await reader.GetAsync($"/v1/articles/{slug}?locale=german")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await reader.GetAsync($"/v1/articles/{slug}/sections/mechanism?locale=de_CH")).AssertProblemAsync(HttpStatusCode.BadRequest);

        var sync = new SyncClient(api.CreateClient());
        await sync.SyncAsync();
        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{germanId}/unpublish", new { reason = "safety" })).JsonAsync();
        await sync.SyncAsync();
        var deleted = Assert.Single(sync.LastDeleted, d => d.GetProperty("id").GetGuid() == germanId);
        Assert.Equal("de", deleted.GetProperty("locale").GetString());
        Assert.Equal(("en", "In English"), await Served("", "de-DE,de;q=0.9,en;q=0.8"));
    }
}
