using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace KetamineContent.Bench;

/// <summary>
/// bench/run --soak MINUTES: mixed load (reads of articles, lists, search and sync; revisions and publishes) from
/// concurrent clients; per minute: requests, errors (5xx, transport failures, anything unexpected), p99, and the API's memory.
/// </summary>
public static class Soak
{
    public sealed record Minute(int Index, long Requests, long Errors, double P99, double RssMiB, IReadOnlyDictionary<string, PathMinute>? Paths = null);

    /// <summary>One kind of request in one minute: how many, and their p50 and p99.</summary>
    public sealed record PathMinute(long Requests, double P50, double P99);

    public static async Task<IReadOnlyList<Minute>> RunAsync(Server api, string adminKey, int minutes)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(api.Url) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", adminKey);
        var reviewerKey = (await (await admin.PostAsJsonAsync("/v1/manage/keys", new { name = "soak reviewer", role = "reviewer" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromSeconds(30) };
        using var writer = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromSeconds(30) };
        writer.DefaultRequestHeaders.Authorization = new("Bearer", reviewerKey);

        var latencies = new List<double>[minutes];
        var byPath = new System.Collections.Concurrent.ConcurrentDictionary<(int Minute, string Path), List<double>>();
        var requests = new long[minutes];
        var errors = new long[minutes];
        for (var i = 0; i < minutes; i++)
        {
            latencies[i] = [];
        }

        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromMinutes(minutes);
        void Record(string path, double ms, bool ok)
        {
            var m = Math.Min(minutes - 1, (int)clock.Elapsed.TotalMinutes);
            var list = byPath.GetOrAdd((m, path), _ => []);
            lock (list)
            {
                list.Add(ms);
            }

            Interlocked.Increment(ref requests[m]);
            if (!ok)
            {
                Interlocked.Increment(ref errors[m]);
            }

            lock (latencies[m])
            {
                latencies[m].Add(ms);
            }
        }

        async Task<HttpResponseMessage?> Timed(string path, Func<Task<HttpResponseMessage>> call, params HttpStatusCode[] expected)
        {
            var start = clock.Elapsed;
            try
            {
                var response = await call();
                await response.Content.LoadIntoBufferAsync();
                Record(path, (clock.Elapsed - start).TotalMilliseconds, expected.Contains(response.StatusCode));
                return response;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Record(path, (clock.Elapsed - start).TotalMilliseconds, false);
                return null;
            }
        }

        var readers = Enumerable.Range(0, 24).Select(r => Task.Run(async () =>
        {
            var paths = new[] { "/v1/articles/ketamine-for-anxiety", "/v1/articles?limit=20", "/v1/search?q=nausea", "/v1/topics", "/v1/sync?limit=20", "/v1/articles/ketamine-for-addiction?format=html" };
            var i = r;
            while (clock.Elapsed < end)
            {
                var path = paths[i++ % paths.Length];
                await Timed(path, () => http.GetAsync(path), HttpStatusCode.OK);
            }
        }));
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var n = 0;
            while (clock.Elapsed < end)
            {
                var slug = $"soak-{w}-{n++}-{Guid.NewGuid():N}"[..40];
                var created = await Timed("create", () => writer.PostAsJsonAsync("/v1/manage/articles", Writes.Body(slug, 0)), HttpStatusCode.Created);
                if (created is null || created.StatusCode != HttpStatusCode.Created)
                {
                    continue;
                }

                var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                using var revise = new HttpRequestMessage(HttpMethod.Post, $"/v1/manage/articles/{id}/revisions") { Content = JsonContent.Create(Writes.Body(slug, 1)) };
                revise.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
                await Timed("revise", () => writer.SendAsync(revise), HttpStatusCode.Created);
                await Timed("sign off", () => writer.PostAsJsonAsync($"/v1/manage/articles/{id}/revisions/2/review", new { reviewedBy = "Soak Reviewer" }), HttpStatusCode.Created);
                await Timed("publish", () => writer.PostAsJsonAsync($"/v1/manage/articles/{id}/publish", new { revision = 2 }), HttpStatusCode.OK);
            }
        }));

        var result = new List<Minute>();
        var sampler = Task.Run(async () =>
        {
            for (var m = 0; m < minutes; m++)
            {
                await Task.Delay(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(200));
                result.Add(new Minute(m + 1, 0, 0, 0, api.ResidentMiB()));
            }
        });
        await Task.WhenAll(readers.Concat(writers).Append(sampler));
        static double Percentile(List<double> sorted, double p) =>
            sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Max(0, Math.Ceiling(sorted.Count * p) - 1))];
        return result.Select(r =>
        {
            var l = latencies[r.Index - 1].Order().ToList();
            var paths = byPath.Where(e => e.Key.Minute == r.Index - 1).ToDictionary(e => e.Key.Path, e =>
            {
                var sorted = e.Value.Order().ToList();
                return new PathMinute(sorted.Count, Percentile(sorted, 0.5), Percentile(sorted, 0.99));
            });
            return r with { Requests = requests[r.Index - 1], Errors = errors[r.Index - 1], P99 = Percentile(l, 0.99), Paths = paths };
        }).ToList();
    }
}
