using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace KetamineContent.Bench;

/// <summary>
/// --edge: the API (Cdn:Provider=varnish) behind a real varnishd running deploy/varnish/default.vcl. Under a write load
/// of publishing editors and readers reading through Varnish, measures how long a safety withdrawal takes from the
/// API's answer to the first 410 through Varnish (polled every 5 ms), and the share of reads Varnish answered itself.
/// </summary>
public static class EdgeBench
{
    public const int VarnishPort = 18092;

    public static async Task<string> RunAsync(string apiUrl, string adminKey, string root, string outDir, int withdrawals, TimeSpan warmup)
    {
        var dir = Path.Combine(outDir, $"varnish-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var api = new Uri(apiUrl);
        var vcl = (await File.ReadAllTextAsync(Path.Combine(root, "deploy", "varnish", "default.vcl")))
            .Replace(".host = \"proxy\";", $".host = \"{api.Host}\";", StringComparison.Ordinal)
            .Replace(".port = \"8080\";", $".port = \"{api.Port}\";", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(dir, "default.vcl"), vcl);
        using var varnishd = Process.Start(new ProcessStartInfo("/usr/sbin/varnishd", ["-F", "-n", Path.Combine(dir, "work"), "-a", $"127.0.0.1:{VarnishPort}", "-T", "none",
            "-f", Path.Combine(dir, "default.vcl"), "-s", "malloc,256m", "-j", "none"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            using var edge = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{VarnishPort}"), Timeout = TimeSpan.FromSeconds(10) };
            for (var i = 0; i < 200 && !await AnswersAsync(edge); i++)
            {
                await Task.Delay(50);
            }

            using var admin = Client(apiUrl, adminKey);
            using var editor = Client(apiUrl, await KeyAsync(admin, "editor"));
            using var reviewer = Client(apiUrl, await KeyAsync(admin, "reviewer"));
            var slugs = new ConcurrentBag<string>();
            for (var i = 0; i < 20; i++)
            {
                slugs.Add((await PublishAsync(editor, reviewer)).Slug);
            }

            using var stop = new CancellationTokenSource();
            long hits = 0, misses = 0, errors = 0, published = 0;
            var writers = Enumerable.Range(0, 2).Select(async _ =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        slugs.Add((await PublishAsync(editor, reviewer)).Slug);
                        Interlocked.Increment(ref published);
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }).ToList();
            var readers = Enumerable.Range(0, 8).Select(async r =>
            {
                var n = r;
                while (!stop.IsCancellationRequested)
                {
                    var all = slugs.ToArray();
                    var path = n++ % 5 == 0 ? "/v1/articles" : "/v1/articles/" + all[n % all.Length];
                    using var response = await edge.GetAsync(path);
                    if (response.Headers.TryGetValues("X-Cache", out var cache) && cache.Single() == "HIT")
                    {
                        Interlocked.Increment(ref hits);
                    }
                    else
                    {
                        Interlocked.Increment(ref misses);
                    }
                }
            }).ToList();

            await Task.Delay(warmup);
            var latencies = new List<double>();
            var lost = 0;
            for (var i = 0; i < withdrawals; i++)
            {
                var (id, slug) = await PublishAsync(editor, reviewer);
                var path = "/v1/articles/" + slug;
                await Task.Delay(300); // the publication's own purge is behind us
                for (var k = 0; k < 3; k++)
                {
                    (await edge.GetAsync(path)).Dispose();
                }

                var withdraw = await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { reason = "safety" });
                withdraw.EnsureSuccessStatusCode();
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < TimeSpan.FromSeconds(10))
                {
                    using var response = await edge.GetAsync(path);
                    if (response.StatusCode == HttpStatusCode.Gone)
                    {
                        break;
                    }

                    await Task.Delay(5);
                }

                if (clock.Elapsed >= TimeSpan.FromSeconds(10))
                {
                    lost++;
                }
                else
                {
                    latencies.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            await stop.CancelAsync();
            await Task.WhenAll(writers.Concat(readers));
            latencies.Sort();
            var total = hits + misses;
            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"Edge: {withdrawals} safety withdrawals through Varnish under 2 publishing editors ({published} publications) and 8 readers through Varnish");
            report.AppendLine(CultureInfo.InvariantCulture, $"- withdrawal to 410 through Varnish: p50 {Quantile(latencies, 0.5):0} ms, p99 {Quantile(latencies, 0.99):0} ms, max {latencies.LastOrDefault():0} ms; never within 10 s: {lost}");
            report.AppendLine(CultureInfo.InvariantCulture, $"- reads through Varnish: {total:N0}, answered by Varnish {100.0 * hits / Math.Max(1, total):0.0} %, by the origin {100.0 * misses / Math.Max(1, total):0.0} %; write errors {errors}");
            return report.ToString();
        }
        finally
        {
            varnishd.Kill(entireProcessTree: true);
            await varnishd.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double Quantile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static async Task<bool> AnswersAsync(HttpClient edge)
    {
        try
        {
            (await edge.GetAsync("/health/live")).Dispose();
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static HttpClient Client(string url, string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<string> KeyAsync(HttpClient admin, string role)
    {
        var created = await admin.PostAsJsonAsync("/v1/manage/keys", new { name = $"bench {role} {Guid.NewGuid():N}", role });
        created.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
    }

    private static async Task<(Guid Id, string Slug)> PublishAsync(HttpClient editor, HttpClient reviewer)
    {
        var slug = $"bench-edge-{Guid.NewGuid():N}";
        var created = await editor.PostAsJsonAsync("/v1/manage/articles", Writes.Body(slug, 0));
        created.EnsureSuccessStatusCode();
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/revisions/1/review", new { reviewedBy = "Bench Reviewer", notes = "bench" })).EnsureSuccessStatusCode();
        (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/publish", new { revision = 1 })).EnsureSuccessStatusCode();
        return (id, slug);
    }
}
