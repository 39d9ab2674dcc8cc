using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KetamineContent.Bench;

/// <summary>
/// bench/run --console: the editorial console's pages at 1,000 generated articles (plus the samples), signed in with
/// an editor key through the sign-in form. One connection (so latency is the server's time plus loopback, with no
/// queueing) for 3 rounds of 10 s per page: the articles list (a page of 50 with the total of all 1,004), the same
/// filtered by topic and title, the dashboard, and an article's editor. Target: p95 at most 50 ms.
/// </summary>
public static partial class ConsoleBench
{
    public const double TargetP95Ms = 50;

    public static async Task<string> RunAsync(Server api, string adminKey, TimeSpan duration, int rounds)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(api.Url) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", adminKey);
        var key = (await (await admin.PostAsJsonAsync("/v1/manage/keys", new { name = "bench console editor", role = "editor" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("key").GetString()!;
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(api.Url) };
        var signIn = await browser.GetStringAsync("/console/sign-in");
        var token = WebUtility.HtmlDecode(TokenField().Match(signIn).Groups[1].Value);
        var answer = await browser.PostAsync("/console/session", new FormUrlEncodedContent([new("key", key), new("__RequestVerificationToken", token)]));
        if (answer.StatusCode != HttpStatusCode.SeeOther || answer.Headers.Location?.OriginalString != "/console")
        {
            return "Console: ERRORS: could not sign in (" + (int)answer.StatusCode + ")";
        }

        var cookie = cookies.GetCookieHeader(new Uri(api.Url + "/console"));
        var list = await browser.GetStringAsync("/console/articles");
        var total = TotalLine().Match(list).Groups[1].Value;
        var article = ArticleLink().Match(list).Groups[1].Value;
        var pages = new[]
        {
            ("articles list (page of 50, total " + total + ")", "/console/articles"),
            ("articles list, topic + title filter", "/console/articles?topic=depression&q=ketamine"),
            ("dashboard", "/console"),
            ("editor of one article", "/console/articles/" + article),
        };
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Console pages, signed in, 1 connection, {rounds} x {duration.TotalSeconds:0} s each (median of rounds); target p95 <= {TargetP95Ms} ms");
        report.AppendLine();
        report.AppendLine("| page | req/s | p50 ms | p95 ms | p99 ms | errors |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|");
        var failed = false;
        var loadBefore = LoadAverage();
        foreach (var (name, path) in pages)
        {
            var runs = new List<WrkResult>();
            for (var round = 0; round < rounds; round++)
            {
                runs.Add(await Wrk.RunAsync(api.Url + path, duration, 1, ["Cookie: " + cookie]));
            }

            var mid = runs.OrderBy(r => r.P95).ElementAt(runs.Count / 2);
            var errors = runs.Sum(r => r.Errors);
            failed |= errors > 0;
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {mid.RequestsPerSecond:N0} | {mid.P50:0.0} | {mid.P95:0.0} | {mid.P99:0.0} | {errors} |");
        }

        // One connection measures the server's time only on an otherwise idle machine: say how busy it was.
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, 1-minute load average {loadBefore} before and {LoadAverage()} after the runs.");
        if (failed)
        {
            report.AppendLine().AppendLine("Console: ERRORS (non-2xx answers: a redirect to sign-in counts as one)");
        }

        return report.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<p role=\"status\">(\\d+) articles</p>")]
    private static partial Regex TotalLine();

    [GeneratedRegex("href=\"/console/articles/([0-9a-f-]{36})\"")]
    private static partial Regex ArticleLink();
}
