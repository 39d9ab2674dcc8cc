using System.Net.Http.Json;
using System.Text.Json;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>Request bodies and calls of the management API, as a front end would send them.</summary>
public static class Articles
{
    public static object Body(string slug, string title = "Ketamine and sleep", string sideEffects = "Nausea and dizziness can follow a session.",
        string topic = "depression", string summary = "How ketamine may affect sleep.", string disclaimer = "Educational information, not medical advice.",
        string? changeNote = null) => new
        {
            slug,
            topic,
            tags = new[] { "ketamine", "sleep" },
            locale = "en",
            title,
            summary,
            disclaimer,
            sections = new object[]
            {
                new { kind = "mechanism", heading = "How it works", body = "It blocks the NMDA receptor.\nGlutamate signalling rises." },
                new { kind = "what_to_expect", heading = "What to expect", body = "Effects start within minutes." },
                new { kind = "side_effects", heading = "Side effects", body = sideEffects, cites = new[] { 1 } },
            },
            references = new[] { new { title = "A study", url = "https://example.org/study", doi = "10.1000/xyz123", pubmedId = "12345" } },
            changeNote,
        };

    public static string NewSlug(string stem = "article") => $"{stem}-{Guid.NewGuid():N}"[..Math.Min(60, stem.Length + 33)];

    public static async Task<(Guid Id, string ETag, JsonElement Body)> CreateAsync(HttpClient editor, string slug, string title = "Ketamine and sleep")
    {
        var response = await editor.PostAsJsonAsync("/v1/manage/articles", Body(slug, title));
        var body = await response.JsonAsync();
        return (body.GetProperty("id").GetGuid(), response.Headers.ETag!.Tag, body);
    }

    public static async Task<HttpResponseMessage> ReviseAsync(HttpClient editor, Guid id, string? ifMatch, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/manage/articles/{id}/revisions") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await editor.SendAsync(request);
    }

    public static Task<HttpResponseMessage> ReviewAsync(HttpClient reviewer, Guid id, int revision) =>
        reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/revisions/{revision}/review", new { reviewedBy = "Dr. Test Reviewer", notes = "Checked." });

    public static Task<HttpResponseMessage> PublishAsync(HttpClient reviewer, Guid id, int revision, DateTimeOffset? at = null) =>
        reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/publish", new { revision, at });

    /// <summary>Creates, reviews and publishes an article; returns its id.</summary>
    public static async Task<Guid> PublishedAsync(HttpClient editor, HttpClient reviewer, string slug, string title = "Ketamine and sleep")
    {
        var (id, _, _) = await CreateAsync(editor, slug, title);
        await (await ReviewAsync(reviewer, id, 1)).JsonAsync();
        await (await PublishAsync(reviewer, id, 1)).JsonAsync();
        return id;
    }
}
