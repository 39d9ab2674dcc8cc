using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace KetamineContent.Bench;

/// <summary>
/// bench/run --broad-search: at 100,000 generated articles, a search for a word in every article ("ketamine") against
/// a word in exactly ten ("benchmark", in the summary of ten articles published here through the API), both against
/// the cache-off API so every request reaches the database. Pages of 10 (both words fill one, so both answers carry the
/// same work per item) with one client (latency) and 64 connections (throughput), and the default page of 20 with one
/// client (the broad word then answers twice the items); the two words alternate in each of 3 rounds of 10 s; medians.
/// </summary>
public static class BroadSearch
{
    public const string EveryArticle = "ketamine";
    public const string TenArticles = "benchmark";

    /// <summary>Publishes ten articles through the API whose summary holds <see cref="TenArticles"/>; returns how many now match it.</summary>
    public static async Task<int> PublishTenAsync(Server api, string adminKey, string label)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(api.Url) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", adminKey);
        var existing = (await admin.GetFromJsonAsync<JsonElement>($"/v1/search?q={TenArticles}&limit=50")).GetProperty("items").GetArrayLength();
        for (var i = existing; i < 10; i++)
        {
            var created = await (await admin.PostAsJsonAsync("/v1/manage/articles", Writes.Body($"bench-ten-{label}-{i}", 0))).Content.ReadFromJsonAsync<JsonElement>();
            var id = created.GetProperty("id").GetGuid();
            (await admin.PostAsJsonAsync($"/v1/manage/articles/{id}/revisions/1/review", new { reviewedBy = "Bench Reviewer" })).EnsureSuccessStatusCode();
            (await admin.PostAsJsonAsync($"/v1/manage/articles/{id}/publish", new { revision = 1 })).EnsureSuccessStatusCode();
        }

        return Math.Max(existing, 10);
    }

    public static async Task<string> RunAsync(Server api, Server apiNoCache, string adminKey, string label)
    {
        await PublishTenAsync(api, adminKey, label);
        using var http = new HttpClient { BaseAddress = new Uri(apiNoCache.Url) };
        var matches = new Dictionary<string, int>();
        foreach (var word in new[] { EveryArticle, TenArticles })
        {
            var count = 0;
            string? cursor = null;
            do
            {
                var page = await http.GetFromJsonAsync<JsonElement>($"/v1/search?q={word}&limit=50" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
                count += page.GetProperty("items").GetArrayLength();
                cursor = page.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);
            matches[word] = count;
        }

        var settings = new[] { (Limit: 10, Connections: 1), (Limit: 10, Connections: 64), (Limit: 20, Connections: 1) };
        var runs = new Dictionary<(string Word, int Limit, int Connections), List<WrkResult>>();
        for (var round = 1; round <= 3; round++)
        {
            foreach (var (limit, connections) in settings)
            {
                foreach (var word in new[] { EveryArticle, TenArticles })
                {
                    var r = await Wrk.RunAsync($"{apiNoCache.Url}/v1/search?q={word}&limit={limit}", TimeSpan.FromSeconds(10), connections, []);
                    (runs.TryGetValue((word, limit, connections), out var list) ? list : runs[(word, limit, connections)] = []).Add(r);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  [round {round}] search '{word}', limit {limit}, {connections} connection(s): {r.RequestsPerSecond:N0} req/s, p50 {r.P50:0.00} ms, p99 {r.P99:0.00} ms, errors {r.Errors}"));
                }
            }
        }

        static double Median(IEnumerable<double> values) => values.Order().ElementAt(1);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Returned by paging to the end: '{EveryArticle}' {matches[EveryArticle]:N0} results, '{TenArticles}' {matches[TenArticles]:N0}.");
        md.AppendLine();
        md.AppendLine("| search (cache off) | limit | connections | req/s | p50 ms | p99 ms | errors |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var ((word, limit, connections), list) in runs)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| '{word}' | {limit} | {connections} | {Median(list.Select(r => r.RequestsPerSecond)):N0} | {Median(list.Select(r => r.P50)):0.00} | {Median(list.Select(r => r.P99)):0.00} | {list.Sum(r => r.Errors)} |"));
        }

        foreach (var (limit, connections) in settings)
        {
            var broad = runs[(EveryArticle, limit, connections)];
            var narrow = runs[(TenArticles, limit, connections)];
            md.AppendLine();
            md.Append(string.Create(CultureInfo.InvariantCulture,
                $"limit {limit}, {connections} connection(s): the word in every article costs {Median(broad.Select(r => r.P50)) / Median(narrow.Select(r => r.P50)):0.00} x the p50 of the word in ten articles, "));
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"and answers {Median(broad.Select(r => r.RequestsPerSecond)) / Median(narrow.Select(r => r.RequestsPerSecond)):0.00} x its requests per second."));
        }

        if (runs.Values.Sum(l => l.Sum(r => r.Errors)) > 0)
        {
            md.AppendLine();
            md.AppendLine("ERRORS");
        }

        return md.ToString();
    }
}
