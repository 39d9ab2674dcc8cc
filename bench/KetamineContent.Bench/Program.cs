using System.Buffers.Text;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using KetamineContent.Bench;
using KetamineContent.LocalPostgres;
using Npgsql;

// bench/run [--quick | --soak MINUTES | --broad-search | --database-paths | --media | --console]: builds are done by bench/run; this program starts PostgreSQL, the API and the ceiling,
// loads data, runs wrk alternating each scenario with its comparison, and writes the results.
var quick = args.Contains("--quick");
var soakAt = Array.IndexOf(args, "--soak");
var soakMinutes = soakAt >= 0 && soakAt + 1 < args.Length && int.TryParse(args[soakAt + 1], CultureInfo.InvariantCulture, out var sm) ? sm : 0;
var root = FindRoot();
var outDir = Path.Combine(root, "bench", "out");
var apiDll = Path.Combine(outDir, "api", "KetamineContent.Api.dll");
var ceilingDll = Path.Combine(outDir, "ceiling", "KetamineContent.Ceiling.dll");
var duration = TimeSpan.FromSeconds(quick ? 2 : 10);
var rounds = quick ? 1 : 3;
var broadSearch = args.Contains("--broad-search");
var media = args.Contains("--media");
var consolePages = args.Contains("--console");
var databasePaths = args.Contains("--database-paths");
var edgeBench = args.Contains("--edge");
// BENCH_DATABASE: a connection string to a database already migrated, seeded and loaded (skips loading; --database-paths and --broad-search).
var reuse = databasePaths || broadSearch ? Environment.GetEnvironmentVariable("BENCH_DATABASE") : null;
var sizes = broadSearch || databasePaths ? new[] { 100_000 } : consolePages ? [1_000] : quick || soakMinutes > 0 || media || edgeBench ? [0] : [0, 100_000];
const string AdminKey = "kc_bench-admin-key-0123456789abcdef";

Console.WriteLine($"KetamineContent benchmark ({(quick ? "quick" : "full")}): wrk -t2 -c64 -d{duration.TotalSeconds}s, {rounds} round(s), alternating each scenario with its comparison");
var clusterRoot = Path.Combine(outDir, $"pg-{Environment.ProcessId}");
var clusterSettings = new Dictionary<string, string> { ["shared_buffers"] = "512MB" };
if (Environment.GetEnvironmentVariable("BENCH_PG_STATEMENTS") == "1")
{
    // For finding what grows: pg_stat_statements on the bench's cluster (CREATE EXTENSION pg_stat_statements in the database to read it).
    clusterSettings["shared_preload_libraries"] = "pg_stat_statements";
    clusterSettings["pg_stat_statements.track"] = "all";
}

using var cluster = LocalCluster.Start(new LocalClusterOptions { RootDirectory = clusterRoot, Durable = true, Settings = clusterSettings });
var results = new List<Measured>();
var notes = new List<string>();
var wrongAnswers = new List<string>(); // answers checked one by one: a wrong status or a body that does not parse
try
{
    foreach (var size in sizes)
    {
        var label = size == 0 ? "sample" : $"{size / 1000}k";
        var database = $"bench_{label}";
        if (reuse is null)
        {
            using var admin = new NpgsqlConnection(cluster.ConnectionString());
            admin.Execute($"DROP DATABASE IF EXISTS {database}");
            admin.Execute($"CREATE DATABASE {database}");
        }

        var cs = reuse ?? cluster.ConnectionString(database);
        // Rate limits off: the load generator is one address hammering the API on purpose.
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Content"] = cs,
            ["Auth__BootstrapAdminKey"] = AdminKey,
            ["RateLimits__PerKeyPerMinute"] = "0",
            ["RateLimits__PerAddressPerMinute"] = "0",
            ["Assets__RenditionDirectory"] = Path.Combine(outDir, $"renditions-{Environment.ProcessId}"),
        };
        if (edgeBench)
        {
            env["Cdn__Provider"] = "varnish";
            env["Cdn__Varnish__Nodes__0"] = $"http://127.0.0.1:{EdgeBench.VarnishPort}";
        }

        if (reuse is null)
        {
            await RunCommandAsync(apiDll, env, "seed");
        }

        if (size > 0 && reuse is null)
        {
            var loadClock = System.Diagnostics.Stopwatch.StartNew();
            await RunCommandAsync(apiDll, env, "generate", "--count", size.ToString(CultureInfo.InvariantCulture));
            notes.Add($"{label}: loaded {size:N0} articles x 5 revisions (x 3 sections) with SQL in {loadClock.Elapsed.TotalSeconds:0.0} s");
            Console.WriteLine(notes[^1]);
        }

        await using var api = await Server.StartAsync(apiDll, 18080, "/v1/articles/ketamine-for-anxiety", env);
        if (soakMinutes > 0)
        {
            Console.WriteLine($"Soak: {soakMinutes} min of mixed load (24 readers, 4 writers creating, revising, reviewing and publishing)");
            var minutes = await Soak.RunAsync(api, AdminKey, soakMinutes);
            Console.WriteLine("| minute | requests | errors | p99 ms | API memory (RSS) MiB |");
            Console.WriteLine("|---:|---:|---:|---:|---:|");
            foreach (var m in minutes)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {m.Index} | {m.Requests:N0} | {m.Errors} | {m.P99:0.0} | {m.RssMiB:0} |"));
            }

            Console.WriteLine();
            Console.WriteLine("Per request, minute by minute (count / p50 ms / p99 ms):");
            foreach (var path in minutes.SelectMany(m => m.Paths?.Keys ?? []).Distinct().Order(StringComparer.Ordinal))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {path}: ") + string.Join(" | ", minutes.Select(m =>
                    m.Paths is not null && m.Paths.TryGetValue(path, out var p) ? string.Create(CultureInfo.InvariantCulture, $"{p.Requests:N0} / {p.P50:0.0} / {p.P99:0.0}") : "-")));
            }

            var soakErrors = minutes.Sum(m => m.Errors);
            Directory.CreateDirectory(Path.Combine(root, "bench", "results"));
            await File.WriteAllTextAsync(Path.Combine(root, "bench", "results", $"soak-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json"), JsonSerializer.Serialize(minutes));
            Console.WriteLine(soakErrors == 0 ? "Soak: no errors." : $"Soak: ERRORS {soakErrors}");
            return soakErrors == 0 ? 0 : 1;
        }

        if (edgeBench)
        {
            var report = await EdgeBench.RunAsync(api.Url, AdminKey, root, outDir, quick ? 10 : 100, TimeSpan.FromSeconds(quick ? 2 : 20));
            Console.WriteLine(report);
            Directory.CreateDirectory(Path.Combine(root, "bench", "results"));
            await File.WriteAllTextAsync(Path.Combine(root, "bench", "results", $"edge-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md"), report);
            return report.Contains("never within 10 s: 0", StringComparison.Ordinal) ? 0 : 1;
        }

        if (media)
        {
            var report = await Media.RunAsync(api, file => Server.StartAsync(ceilingDll, 18091, "/ceiling", new Dictionary<string, string>(), "--response", file),
                AdminKey, outDir, duration, rounds);
            Console.WriteLine(report);
            Directory.CreateDirectory(Path.Combine(root, "bench", "results"));
            await File.WriteAllTextAsync(Path.Combine(root, "bench", "results", $"media-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md"), report);
            return report.Contains("ERRORS", StringComparison.Ordinal) ? 1 : 0;
        }

        if (consolePages)
        {
            var report = await ConsoleBench.RunAsync(api, AdminKey, duration, rounds);
            Console.WriteLine(report);
            Directory.CreateDirectory(Path.Combine(root, "bench", "results"));
            await File.WriteAllTextAsync(Path.Combine(root, "bench", "results", $"console-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md"), report);
            return report.Contains("ERRORS", StringComparison.Ordinal) ? 1 : 0;
        }

        if (broadSearch)
        {
            await using var searchNoCache = await Server.StartAsync(apiDll, 18081, "/health/ready", new Dictionary<string, string>(env) { ["Cache__Enabled"] = "false" });
            var report = await BroadSearch.RunAsync(api, searchNoCache, AdminKey, label);
            Console.WriteLine(report);
            Directory.CreateDirectory(Path.Combine(root, "bench", "results"));
            await File.WriteAllTextAsync(Path.Combine(root, "bench", "results", $"broad-search-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md"), report);
            return report.Contains("ERRORS", StringComparison.Ordinal) ? 1 : 0;
        }

        if (databasePaths)
        {
            await using var pathsNoCache = await Server.StartAsync(apiDll, 18081, "/health/ready", new Dictionary<string, string>(env) { ["Cache__Enabled"] = "false" });
            using var probe = new HttpClient();
            var article = await probe.GetAsync(api.Url + "/v1/articles/ketamine-for-anxiety");
            var articleFile = Path.Combine(outDir, "captured-article.json");
            await File.WriteAllTextAsync(articleFile, JsonSerializer.Serialize(new { Body = Convert.ToBase64String(await article.Content.ReadAsByteArrayAsync()), Headers = new Dictionary<string, string>() }));
            await using var dapper = await Server.StartAsync(ceilingDll, 18090, "/ceiling", new Dictionary<string, string>(), "--response", articleFile, "--db",
                cs + ";Max Auto Prepare=64;Auto Prepare Min Usages=2;No Reset On Close=true");
            var compareDll = Environment.GetEnvironmentVariable("BENCH_COMPARE_API");
            await using var beforeApi = compareDll is null ? null : await Server.StartAsync(compareDll, 18082, "/health/ready", env);
            await using var beforeNoCache = compareDll is null ? null
                : await Server.StartAsync(compareDll, 18083, "/health/ready", new Dictionary<string, string>(env) { ["Cache__Enabled"] = "false" });
            var before = beforeApi is null || beforeNoCache is null ? null : new DatabasePaths.Build("before (" + compareDll + ")", beforeApi, beforeNoCache);
            var report = await DatabasePaths.RunAsync(api, pathsNoCache, dapper, AdminKey, label, rounds, before);
            Console.WriteLine(report);
            Directory.CreateDirectory(Path.Combine(root, "bench", "results"));
            await File.WriteAllTextAsync(Path.Combine(root, "bench", "results", $"database-paths-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md"), report);
            return report.Contains("ERRORS", StringComparison.Ordinal) ? 1 : 0;
        }

        notes.Add($"{label}: API start-up to first 200 (migrated database): {api.StartupTime.TotalMilliseconds:0} ms");
        Console.WriteLine(notes[^1]);
        await using var apiNoCache = await Server.StartAsync(apiDll, 18081, "/health/ready", new Dictionary<string, string>(env) { ["Cache__Enabled"] = "false" });

        using var http = new HttpClient { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromMinutes(10) };
        var capture = await http.GetAsync("/v1/articles/ketamine-for-anxiety");
        var body = await capture.Content.ReadAsByteArrayAsync();
        var headers = capture.Headers.Concat(capture.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Content-Length"))
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value));
        var capturedFile = Path.Combine(outDir, "captured-article.json");
        await File.WriteAllTextAsync(capturedFile, JsonSerializer.Serialize(new { Body = Convert.ToBase64String(body), Headers = headers }));
        await using var ceiling = await Server.StartAsync(ceilingDll, 18090, "/ceiling", new Dictionary<string, string>(), "--response", capturedFile, "--db",
            cs + ";Max Auto Prepare=64;Auto Prepare Min Usages=2;No Reset On Close=true");
        // The baseline must answer 200: one answering errors fast would make the ratio meaningless.
        (await http.GetAsync(ceiling.Url + "/baseline/ketamine-for-anxiety")).EnsureSuccessStatusCode();
        var etag = capture.Headers.ETag!.Tag;
        notes.Add($"{label}: article response {body.Length:N0} bytes, served byte-identical by the ceiling");

        // Keys, a sync cursor taken before 10 publishes, and a cursor 250 pages deep.
        using var admin2 = new HttpClient { BaseAddress = new Uri(api.Url) };
        admin2.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        var reviewerKey = (await (await admin2.PostAsJsonAsync("/v1/manage/keys", new { name = "bench reviewer", role = "reviewer" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        using var reviewer = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromMinutes(10) };
        reviewer.DefaultRequestHeaders.Authorization = new("Bearer", reviewerKey);
        var syncCursor = await DeltaCursorAsync(cs);
        for (var i = 0; i < 10; i++)
        {
            var created = await (await reviewer.PostAsJsonAsync("/v1/manage/articles", Writes.Body($"bench-sync-{label}-{i}", 0))).Content.ReadFromJsonAsync<JsonElement>();
            var id = created.GetProperty("id").GetGuid();
            (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/revisions/1/review", new { reviewedBy = "Bench Reviewer" })).EnsureSuccessStatusCode();
            (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/publish", new { revision = 1 })).EnsureSuccessStatusCode();
        }

        var syncCheck = await http.GetFromJsonAsync<JsonElement>("/v1/sync?cursor=" + Uri.EscapeDataString(syncCursor));
        notes.Add($"{label}: sync delta returns {syncCheck.GetProperty("items").GetArrayLength()} items");
        string? deep = null;
        if (size > 0)
        {
            var cursor = "";
            for (var page = 0; page < 250; page++)
            {
                var listPage = await http.GetFromJsonAsync<JsonElement>("/v1/articles?limit=20" + (cursor.Length == 0 ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
                cursor = listPage.GetProperty("nextCursor").GetString()!;
            }

            deep = "/v1/articles?limit=20&cursor=" + Uri.EscapeDataString(cursor);
        }

        var query = size == 0 ? "ketamine" : Uri.EscapeDataString("panic trauma");
        string Ceil() => ceiling.Url + "/ceiling";
        var scenarios = new List<Scenario>
        {
            new("article by slug (200)", api.Url + "/v1/articles/ketamine-for-anxiety", [], Ceil(), "ceiling"),
            new("revalidation (304)", api.Url + "/v1/articles/ketamine-for-anxiety", [$"If-None-Match: {etag}"], Ceil(), "ceiling 200"),
            new("one section", api.Url + "/v1/articles/ketamine-for-anxiety/sections/side_effects", [], Ceil(), "ceiling"),
            new("list first page", api.Url + "/v1/articles", [], Ceil(), "ceiling"),
            new("topics", api.Url + "/v1/topics", [], Ceil(), "ceiling"),
            new("search", api.Url + "/v1/search?q=" + query, [], Ceil(), "ceiling"),
            new("JSON-LD", api.Url + "/v1/articles/ketamine-for-anxiety?format=jsonld", [], Ceil(), "ceiling"),
            new("sync delta of 10 (database)", api.Url + "/v1/sync?cursor=" + Uri.EscapeDataString(syncCursor), [], Ceil(), "ceiling"),
            new("article, cache off (database)", apiNoCache.Url + "/v1/articles/ketamine-for-anxiety", [], ceiling.Url + "/baseline/ketamine-for-anxiety", "Dapper baseline"),
            new("list first page, cache off", apiNoCache.Url + "/v1/articles?limit=20", [], Ceil(), "ceiling"),
            new("search, cache off", apiNoCache.Url + "/v1/search?q=" + query, [], Ceil(), "ceiling"),
            new("sync delta of 10, one client", api.Url + "/v1/sync?cursor=" + Uri.EscapeDataString(syncCursor), [], Ceil(), "ceiling", 1),
            new("search, cache off, one client", apiNoCache.Url + "/v1/search?q=" + query, [], Ceil(), "ceiling", 1),
        };
        if (deep is not null)
        {
            scenarios.Insert(4, new("list 250 cursors deep", api.Url + deep, [], Ceil(), "ceiling"));
            scenarios.Add(new("list 250 cursors deep, cache off", apiNoCache.Url + deep, [], Ceil(), "ceiling"));
        }

        var perRound = new Dictionary<string, List<(WrkResult Run, WrkResult Compare)>>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var s in scenarios)
            {
                var run = await Wrk.RunAsync(s.Url, duration, s.Connections, s.Headers);
                var compare = await Wrk.RunAsync(s.CompareUrl, duration, s.Connections, []);
                wrongAnswers.AddRange(new[] { await Answers.CheckAsync(s.Url, s.Headers), await Answers.CheckAsync(s.CompareUrl, []) }.OfType<string>());
                (perRound.TryGetValue(s.Name, out var list) ? list : perRound[s.Name] = []).Add((run, compare));
                Console.WriteLine($"  [{label} round {round}] {s.Name,-34} {run.RequestsPerSecond,10:N0} req/s  p50 {run.P50,6:0.00} ms  p99 {run.P99,7:0.00} ms  errors {run.Errors}  | {s.CompareName} {compare.RequestsPerSecond:N0} req/s");
            }
        }

        foreach (var s in scenarios)
        {
            var runs = perRound[s.Name];
            double Median(Func<(WrkResult Run, WrkResult Compare), double> f) => runs.Select(f).Order().ElementAt(runs.Count / 2);
            results.Add(new Measured(label, s.Name, Median(r => r.Run.RequestsPerSecond), Median(r => r.Run.P50), Median(r => r.Run.P95), Median(r => r.Run.P99),
                runs.Sum(r => r.Run.Errors), Median(r => r.Compare.RequestsPerSecond), Median(r => r.Run.RequestsPerSecond / r.Compare.RequestsPerSecond), s.CompareName,
                runs.Sum(r => r.Run.WrongAnswers + r.Compare.WrongAnswers)));
        }

        // Writes through the API, with a real editor key.
        var editorKey = (await (await admin2.PostAsJsonAsync("/v1/manage/keys", new { name = "bench editor", role = "editor" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        using var editor = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromMinutes(10) };
        editor.DefaultRequestHeaders.Authorization = new("Bearer", editorKey);
        var distinct = await Writes.RunAsync(editor, 16, hot: false, duration);
        var hot = await Writes.RunAsync(editor, 16, hot: true, duration);
        notes.Add($"{label}: writes, 16 editors on distinct articles: {distinct.RevisionsPerSecond:N0} revisions/s ({distinct.Created} created, {distinct.Errors} errors)");
        notes.Add($"{label}: writes, 16 editors on one hot article: {hot.RevisionsPerSecond:N0} revisions/s ({hot.Created} created, {hot.Conflicts} conflicts answered 412, {hot.Errors} errors)");
        notes.Add($"{label}: API peak memory (VmHWM): {api.PeakMemoryMiB():0} MiB; with the cache off: {apiNoCache.PeakMemoryMiB():0} MiB");
        foreach (var n in notes.TakeLast(3))
        {
            Console.WriteLine(n);
        }

        results.Add(new Measured(label, "writes: 16 editors, distinct articles (rev/s)", distinct.RevisionsPerSecond, double.NaN, double.NaN, double.NaN, distinct.Errors, double.NaN, double.NaN, "", distinct.Errors));
        results.Add(new Measured(label, "writes: 16 editors, one hot article (rev/s)", hot.RevisionsPerSecond, double.NaN, double.NaN, double.NaN, hot.Errors, double.NaN, double.NaN, "", hot.Errors));
        results.Add(new Measured(label, "API peak memory (MiB)", api.PeakMemoryMiB(), double.NaN, double.NaN, double.NaN, 0, double.NaN, double.NaN, ""));
        results.Add(new Measured(label, "start-up to first 200 (ms)", api.StartupTime.TotalMilliseconds, double.NaN, double.NaN, double.NaN, 0, double.NaN, double.NaN, ""));
    }
}
finally
{
    cluster.Stop();
    try
    {
        LocalCluster.StopAndDelete(clusterRoot);
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
    {
    }
}

var errors = results.Sum(r => r.Errors);
Report.Write(root, quick, results, notes);
foreach (var wrong in wrongAnswers)
{
    Console.WriteLine("WRONG ANSWER: " + wrong);
}

if (quick)
{
    // The smoke run judges answers, never speed: timeouts and socket errors of a slow or loaded machine are reported only.
    var judged = results.Sum(r => r.WrongAnswers) + wrongAnswers.Count;
    Console.WriteLine($"Timeouts and socket errors (not judged in --quick): {errors - results.Sum(r => r.WrongAnswers)}");
    Console.WriteLine(judged == 0 ? "No wrong answers." : $"ERRORS: {judged} wrong answers");
    return judged == 0 ? 0 : 1;
}

Console.WriteLine(errors == 0 && wrongAnswers.Count == 0 ? "No errors." : $"ERRORS: {errors + wrongAnswers.Count}");
return errors == 0 && wrongAnswers.Count == 0 ? 0 : 1;

static string FindRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "KetamineContent.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository.");
}

static async Task RunCommandAsync(string dll, IDictionary<string, string> env, params string[] command)
{
    var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { UseShellExecute = false };
    psi.ArgumentList.Add(dll);
    foreach (var part in command)
    {
        psi.ArgumentList.Add(part);
    }

    psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    foreach (var (k, v) in env)
    {
        psi.Environment[k] = v;
    }

    using var p = System.Diagnostics.Process.Start(psi)!;
    await p.WaitForExitAsync();
    if (p.ExitCode != 0)
    {
        throw new InvalidOperationException($"{string.Join(' ', command)} failed with {p.ExitCode}");
    }
}

// A delta cursor at the current end of the feed, signed with the database's cursor secret as the API signs it.
static async Task<string> DeltaCursorAsync(string cs)
{
    await using var c = new NpgsqlConnection(cs);
    var secret = await c.ExecuteScalarAsync<byte[]>("SELECT value FROM app_secret WHERE name = 'cursor'");
    var seq = await c.ExecuteScalarAsync<long>("SELECT last_seq FROM sync_state");
    var payload = Encoding.UTF8.GetBytes($$"""{"P":"d","N":{{seq.ToString(CultureInfo.InvariantCulture)}},"A":null,"T":null,"L":null}""");
    return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(secret!, payload)[..16]);
}
