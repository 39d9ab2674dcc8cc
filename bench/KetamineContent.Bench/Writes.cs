using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace KetamineContent.Bench;

/// <summary>Revisions per second from concurrent editors: on distinct articles, and all on one hot article (conflicts counted).</summary>
public static class Writes
{
    public sealed record Outcome(double RevisionsPerSecond, long Created, long Conflicts, long Errors);

    public static object Body(string slug, int n) => new
    {
        slug,
        topic = "depression",
        tags = new[] { "bench" },
        locale = "en",
        title = $"Bench article {slug} {n}",
        summary = "A benchmark article.",
        disclaimer = "Educational information, not medical advice.",
        sections = new object[]
        {
            new { kind = "mechanism", heading = "How it works", body = "It blocks the NMDA receptor. " + n },
            new { kind = "what_to_expect", heading = "What to expect", body = "Effects begin within minutes." },
            new { kind = "side_effects", heading = "Side effects", body = "Nausea and dizziness can occur." },
        },
        references = Array.Empty<object>(),
        changeNote = "bench",
    };

    public static async Task<Outcome> RunAsync(HttpClient client, int editors, bool hot, TimeSpan duration)
    {
        var ids = new List<(Guid Id, string Slug)>();
        for (var i = 0; i < (hot ? 1 : editors); i++)
        {
            var slug = $"bench-{(hot ? "hot" : "distinct")}-{Guid.NewGuid():N}";
            var created = await client.PostAsJsonAsync("/v1/manage/articles", Body(slug, 0));
            created.EnsureSuccessStatusCode();
            var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
            ids.Add((body.GetProperty("id").GetGuid(), slug));
        }

        long ok = 0, conflicts = 0, errors = 0;
        using var stop = new CancellationTokenSource(duration);
        var started = DateTime.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, editors).Select(async e =>
        {
            var (id, slug) = ids[hot ? 0 : e];
            var etag = "\"1\"";
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/manage/articles/{id}/revisions") { Content = JsonContent.Create(Body(slug, ++n)) };
                request.Headers.TryAddWithoutValidation("If-Match", etag);
                using var response = await client.SendAsync(request);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Created:
                        Interlocked.Increment(ref ok);
                        etag = response.Headers.ETag!.Tag;
                        break;
                    case HttpStatusCode.PreconditionFailed:
                        Interlocked.Increment(ref conflicts);
                        var current = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                        etag = current.GetProperty("currentETag").GetString()!;
                        break;
                    default:
                        Interlocked.Increment(ref errors);
                        break;
                }
            }
        }));
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        return new Outcome(ok / seconds, ok, conflicts, errors);
    }
}
