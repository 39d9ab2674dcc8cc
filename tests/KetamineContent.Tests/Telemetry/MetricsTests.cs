using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Telemetry;

/// <summary>/metrics: guarded by Metrics:Token, valid for promtool, scraped by a real Prometheus.</summary>
public sealed class MetricsTests
{
    private const string Token = "metrics-token-0123456789abcdef";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Metrics__Token"] = Token,
        ["Metrics__SampleIntervalSeconds"] = "0.5",
    };

    [Fact]
    public async Task WithoutAConfiguredTokenMetricsAreNotServed()
    {
        await using var api = new ApiFactory();
        await api.InitializeAsync();
        using var client = api.Client(null);
        await (await client.GetAsync("/metrics")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MetricsAnswer401WithoutTheToken()
    {
        await using var api = new ApiFactory().With("Metrics:Token", Token);
        await api.InitializeAsync();
        using var anonymous = api.Client(null);
        var none = await anonymous.GetAsync("/metrics");
        await none.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        using var wrong = api.Client(Token + "x");
        await (await wrong.GetAsync("/metrics")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var admin = api.Client(ApiFactory.AdminKey);
        await (await admin.GetAsync("/metrics")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var right = api.Client(Token);
        var ok = await right.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("text/plain", ok.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheExpositionPassesPromtoolAndCarriesEveryFigure()
    {
        // A pool of two connections and twenty concurrent management reads: some must wait for a connection.
        var cs = await TestDatabase.CreateSeededAsync() + ";Maximum Pool Size=2";
        await using var api = await ApiProcess.StartAsync(cs, Settings);
        using var reader = api.Client(null);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/v1/articles/ketamine-for-anxiety")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/v1/articles/no-such-article")).StatusCode);
        using var admin = api.Client(ApiFactory.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/manage/articles")).StatusCode);
        var busy = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => admin.GetAsync("/v1/manage/articles?limit=1")));
        Assert.All(busy, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await Task.Delay(1500);

        using var scraper = api.Client(Token);
        var text = await scraper.GetStringAsync("/metrics");
        var (exit, said) = await Prometheus.CheckMetricsAsync(text);
        Assert.True(exit == 0, "promtool check metrics: " + said);

        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Matches("""http_server_request_duration_seconds_bucket\{[^}]*http_response_status_code="200",http_route="/v1/manage/articles/"[^}]*le="\+Inf"\} 21\n""", text);
        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*http_response_status_code="404",http_route="/v1/articles/\{slug\}"[^}]*\} 1\n""", text);
        Assert.DoesNotContain("Host=", text, StringComparison.Ordinal);
        Assert.Matches("""(?m)^kc_cache_hits_total 2$""", text);
        Assert.Matches("""(?m)^kc_cache_misses_total 2$""", text);
        Assert.Matches("""(?m)^kc_cache_entries 1$""", text);
        Assert.Matches("""(?m)^kc_cache_size_bytes [1-9][0-9]*$""", text);
        Assert.Matches("""(?m)^kc_cache_listener_up 1$""", text);
        Assert.Matches("""(?m)^kc_outbox_pending 0$""", text);
        Assert.Matches("""(?m)^kc_sync_head [1-9][0-9]*$""", text);
        Assert.Matches("""(?m)^kc_sync_lag 0$""", text);
        Assert.Matches("""(?m)^kc_job_runs_total\{job="ScheduledPublisher",outcome="ok"\} [1-9][0-9]*$""", text);
        Assert.Matches("""(?m)^kc_db_delivery_reads_total\{source="primary"\} [1-9][0-9]*$""", text);
        Assert.Matches("""(?m)^db_client_connection\{db_client_connection_pool_name="primary",db_client_connection_state="used"\} \d+$""", text);
        Assert.Matches("""(?m)^db_client_connection\{db_client_connection_pool_name="listener",db_client_connection_state="used"\} 1$""", text);
        Assert.Matches("""(?m)^db_client_connection_max\{db_client_connection_pool_name="primary"\} 2$""", text);
        Assert.Matches("""(?m)^db_client_connection_npgsql_pending_requests\{db_client_connection_pool_name="primary"\} \d+$""", text);
        Assert.Contains("kestrel_active_connections", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_process_memory_working_set_bytes", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARealPrometheusScrapesTheApiAndAnswersAQueryAfterWork()
    {
        var cs = await TestDatabase.CreateSeededAsync();
        await using var api = await ApiProcess.StartAsync(cs, Settings);
        await using var prometheus = await Prometheus.StartAsync(api.BaseAddress, Token);
        await prometheus.WaitForAsync("""up{job="ketaminecontent"}""", v => v == 1, TimeSpan.FromSeconds(30));

        using var admin = api.Client(ApiFactory.AdminKey);
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/manage/articles?limit=1")).StatusCode);
        }

        var served = await prometheus.WaitForAsync(
            """sum(http_server_request_duration_seconds_count{job="ketaminecontent",http_route="/v1/manage/articles/",http_response_status_code="200"})""",
            v => v >= 7, TimeSpan.FromSeconds(30));
        Assert.Equal(7, served);
        await prometheus.WaitForAsync("""kc_cache_listener_up{job="ketaminecontent"}""", v => v == 1, TimeSpan.FromSeconds(10));

        // Every query of the Grafana dashboard in deploy/ is valid PromQL, over metric names the API exposes (two
        // each query names them before a selector; two appear with their first event: a webhook delivered, a request waiting for a pooled connection).
        using var scraper = api.Client(Token);
        var exposed = await scraper.GetStringAsync("/metrics");
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Repo.Root, "deploy", "grafana", "ketaminecontent.json")));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.True(queries.Count >= 10);
        string[] firstEvent = ["kc_outbox_delivery_latency_seconds_bucket", "db_client_connection_npgsql_pending_requests"];
        foreach (var query in queries)
        {
            await prometheus.QueryAsync(query);
            foreach (var name in Regex.Matches(query, @"\b(?:kc|http|db|dotnet)_[a-z_]+(?=\{)").Select(m => m.Value).Where(n => !firstEvent.Contains(n)))
            {
                Assert.Contains("\n" + name, exposed, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task JsonLogsCarryTheTraceIdOfTheRequest()
    {
        var cs = await TestDatabase.CreateSeededAsync();
        await using var api = await ApiProcess.StartAsync(cs, new Dictionary<string, string>
        {
            ["Logging__Json"] = "true",
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        using var client = api.Client(null);
        var problem = await (await client.GetAsync("/v1/articles/no-such-article-for-logs")).AssertProblemAsync(HttpStatusCode.NotFound);
        var requestId = problem.GetProperty("traceId").GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? line = null;
        while (line is null && DateTime.UtcNow < deadline)
        {
            line = api.Output.FirstOrDefault(l => l.Contains("Request finished", StringComparison.Ordinal) && l.Contains("no-such-article-for-logs", StringComparison.Ordinal));
            await Task.Delay(100);
        }

        Assert.NotNull(line);
        using var json = System.Text.Json.JsonDocument.Parse(line);
        Assert.True(json.RootElement.TryGetProperty("Timestamp", out _));
        Assert.Equal(404, json.RootElement.GetProperty("State").GetProperty("StatusCode").GetInt32());
        var scopes = json.RootElement.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("RequestId", out var r) && r.GetString() == requestId);
        Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var t) && System.Text.RegularExpressions.Regex.IsMatch(t.GetString()!, "^[0-9a-f]{32}$"));
        Assert.All(api.Output.Where(l => l.StartsWith('{')), l => System.Text.Json.JsonDocument.Parse(l).Dispose());
    }
}
