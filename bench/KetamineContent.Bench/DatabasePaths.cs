using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace KetamineContent.Bench;

/// <summary>
/// bench/run --database-paths: the paths that reach PostgreSQL, at 100,000 articles, against the goals of issue 16.
/// Writes (16 editors on distinct articles, and on one hot article), search with the cache off at 64 connections (a word
/// in ten articles and a word in every article, p95), and the cache-off article against the bare Dapper endpoint
/// (alternating, ratio per round). Rounds of 10 s each, 3 rounds; the 1-minute load average of the machine is read
/// before each run and printed beside its figure (the machine is shared). With BENCH_COMPARE_API=<an older build's
/// KetamineContent.Api.dll>, that build serves the same database on other ports and every scenario runs on both,
/// one right after the other, so the two can be compared under the same load.
/// </summary>
public static class DatabasePaths
{
    public sealed record Build(string Name, Server Api, Server NoCache);

    public static async Task<string> RunAsync(Server api, Server apiNoCache, Server ceiling, string adminKey, string label, int rounds, Build? before = null)
    {
        var builds = new List<Build> { new("this build", api, apiNoCache) };
        if (before is not null)
        {
            builds.Add(before);
        }

        var ten = await BroadSearch.PublishTenAsync(api, adminKey, label);
        using var admin = new HttpClient { BaseAddress = new Uri(api.Url) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", adminKey);
        var editorKey = (await (await admin.PostAsJsonAsync("/v1/manage/keys", new { name = "bench editor", role = "editor" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("key").GetString();
        using var editor = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(api.Url) };
        editor.DefaultRequestHeaders.Authorization = new("Bearer", editorKey);

        // The two sides must answer 200 (a broken baseline answering errors fast would make any ratio meaningless).
        using (var probe = new HttpClient())
        {
            (await probe.GetAsync($"{ceiling.Url}/baseline/ketamine-for-anxiety")).EnsureSuccessStatusCode();
            (await probe.GetAsync($"{apiNoCache.Url}/v1/articles/ketamine-for-anxiety")).EnsureSuccessStatusCode();
        }

        var duration = TimeSpan.FromSeconds(10);
        var rows = new List<string>();
        var ratios = new Dictionary<string, List<double>>();
        var p95s = new Dictionary<string, List<double>>();
        var writes = new Dictionary<string, List<double>>();
        var errors = 0L;
        void Row(string line)
        {
            rows.Add(line);
            Console.WriteLine("  " + line);
        }

        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, hot) in new[] { ("distinct articles", false), ("one hot article", true) })
            {
                foreach (var build in builds)
                {
                    var load = LoadAverage();
                    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(build.Api.Url) };
                    client.DefaultRequestHeaders.Authorization = editor.DefaultRequestHeaders.Authorization;
                    var w = await Writes.RunAsync(client, 16, hot, duration);
                    errors += w.Errors;
                    var key = $"{build.Name}: {name}";
                    (writes.TryGetValue(key, out var list) ? list : writes[key] = []).Add(w.RevisionsPerSecond);
                    Row(string.Create(CultureInfo.InvariantCulture,
                        $"| {round} | {build.Name} | writes, 16 editors, {name} | {w.RevisionsPerSecond:N0} rev/s ({w.Created:N0} created, {w.Conflicts:N0} answered 412, {w.Errors} errors) | | {load} |"));
                }
            }

            foreach (var (name, word) in new[] { ("a word in every article", BroadSearch.EveryArticle), ($"a word in {ten} articles", BroadSearch.TenArticles) })
            {
                foreach (var build in builds)
                {
                    var load = LoadAverage();
                    var r = await Wrk.RunAsync($"{build.NoCache.Url}/v1/search?q={word}", duration, 64, []);
                    errors += r.Errors;
                    var key = $"{build.Name}: {name}";
                    (p95s.TryGetValue(key, out var list) ? list : p95s[key] = []).Add(r.P95);
                    Row(string.Create(CultureInfo.InvariantCulture,
                        $"| {round} | {build.Name} | search '{word}' ({name}), cache off, 64 connections | {r.RequestsPerSecond:N0} req/s, p50 {r.P50:0.00} ms, p95 {r.P95:0.00} ms, p99 {r.P99:0.00} ms, {r.Errors} errors | | {load} |"));
                }
            }

            var loadBaseline = LoadAverage();
            var baseline = await Wrk.RunAsync($"{ceiling.Url}/baseline/ketamine-for-anxiety", duration, 64, []);
            errors += baseline.Errors;
            Row(string.Create(CultureInfo.InvariantCulture,
                $"| {round} | Dapper endpoint | article by slug, one query, 64 connections | {baseline.RequestsPerSecond:N0} req/s (p99 {baseline.P99:0.00} ms) | | {loadBaseline} |"));
            foreach (var build in builds)
            {
                var load = LoadAverage();
                var article = await Wrk.RunAsync($"{build.NoCache.Url}/v1/articles/ketamine-for-anxiety", duration, 64, []);
                errors += article.Errors;
                var ratio = article.RequestsPerSecond / baseline.RequestsPerSecond;
                (ratios.TryGetValue(build.Name, out var list) ? list : ratios[build.Name] = []).Add(ratio);
                Row(string.Create(CultureInfo.InvariantCulture,
                    $"| {round} | {build.Name} | article, cache off, 64 connections, against the Dapper endpoint just before | {article.RequestsPerSecond:N0} req/s (p99 {article.P99:0.00} ms) | {ratio:0.00} x | {load} |"));
            }
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Database paths at {label} articles ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC), {rounds} round(s) of 10 s per figure, load average (1 min) read before each run.");
        md.AppendLine();
        md.AppendLine("| round | build | scenario | measured | ratio | load |");
        md.AppendLine("|---:|---|---|---|---:|---:|");
        foreach (var row in rows)
        {
            md.AppendLine(row);
        }

        md.AppendLine();
        md.AppendLine("| goal (issue 16) | median over the rounds |");
        md.AppendLine("|---|---:|");
        foreach (var (name, list) in writes)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| writes, {name} (>= 1,000 rev/s on distinct articles; one hot article no slower than before) | {Median(list):N0} rev/s |"));
        }

        foreach (var (name, list) in p95s)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| search p95 at 64 connections, {name} (<= 50 ms) | {Median(list):0.00} ms |"));
        }

        foreach (var (name, list) in ratios)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name}: cache-off article / Dapper endpoint (>= 0.9) | {Median(list):0.00} x |"));
        }

        if (errors > 0)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"ERRORS {errors}");
        }

        return md.ToString();
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
