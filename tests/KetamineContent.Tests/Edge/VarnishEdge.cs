using System.Net;
using System.Net.Http.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Edge;

/// <summary>
/// The API with Cdn:Provider=varnish in front of two real varnishd nodes (deploy/varnish/default.vcl), both listed in
/// Cdn:Varnish:Nodes, each fetching from the API on loopback.
/// </summary>
public sealed class VarnishEdge : IAsyncLifetime
{
    private readonly int _portA = Ports.Free();
    private readonly int _portB = Ports.Free();

    public ApiFactory Api { get; private set; } = null!;

    public Varnish A { get; private set; } = null!;

    public Varnish B { get; private set; } = null!;

    public string EditorKey { get; private set; } = "";

    public string ReviewerKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Api = new ApiFactory()
            .With("Cdn:Provider", "varnish")
            .With("Cdn:Varnish:Nodes:0", $"http://127.0.0.1:{_portA}")
            .With("Cdn:Varnish:Nodes:1", $"http://127.0.0.1:{_portB}")
            .With("Cdn:PollIntervalSeconds", "0.1")
            .With("Cdn:RetryBaseSeconds", "0.1")
            .With("Cdn:RetryMaxSeconds", "0.5");
        await Api.InitializeAsync();
        var origin = Api.Client(null).BaseAddress!;
        A = await Varnish.StartAsync(origin, _portA);
        B = await Varnish.StartAsync(origin, _portB);
        EditorKey = await Api.KeyAsync("editor");
        ReviewerKey = await Api.KeyAsync("reviewer");
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Api.DisposeAsync();
    }
}

/// <summary>What the tests through Varnish share: reading through a node, seeing a hit, withdrawing, waiting for the purge.</summary>
public static class ThroughVarnish
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);

    /// <summary>Reads the path through the node until the node answers it from its cache (X-Cache: HIT); returns that answer.</summary>
    public static async Task<HttpResponseMessage> CachedAsync(HttpClient node, string path)
    {
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last?.Dispose();
            last = await node.GetAsync(path);
            if (last.Headers.TryGetValues("X-Cache", out var cache) && cache.Single() == "HIT")
            {
                return last;
            }
        }

        throw new InvalidOperationException($"{path} was never answered from the cache of {node.BaseAddress}: {(int)last!.StatusCode}, Cache-Control {last.Headers.CacheControl}");
    }

    public static async Task WithdrawForSafetyAsync(HttpClient reviewer, Guid id)
    {
        var response = await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { reason = "safety" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<HttpStatusCode> StatusAsync(HttpClient node, string path)
    {
        using var response = await node.GetAsync(path);
        return response.StatusCode;
    }

    /// <summary>Polls until the node answers the path with the status; null if it never did within <see cref="GiveUpAfter"/>.</summary>
    public static Task<TimeSpan?> UntilStatusAsync(HttpClient node, string path, HttpStatusCode status) =>
        Poll.UntilAsync(async () => await StatusAsync(node, path) == status, GiveUpAfter);

    /// <summary>Waits until every purge was acknowledged by every node (and so pruned).</summary>
    public static async Task AllAcknowledgedAsync(string connectionString)
    {
        await using var db = new Npgsql.NpgsqlConnection(connectionString);
        var done = await Poll.UntilAsync(async () => await db.ExecuteScalarAsync<long>("SELECT count(*) FROM edge_purge") == 0, GiveUpAfter);
        Assert.True(done is not null, "purges are still waiting: " + await db.ExecuteScalarAsync<string?>("SELECT string_agg(name || ': ' || coalesce(last_error, 'no error'), '; ') FROM edge_destination"));
    }

    /// <summary>Waits until the purge failed at least once for the destination (the path to it is down).</summary>
    public static async Task FailedOnceAsync(string connectionString, string destination)
    {
        await using var db = new Npgsql.NpgsqlConnection(connectionString);
        var failed = await Poll.UntilAsync(async () => await db.ExecuteScalarAsync<string?>(
            "SELECT last_error FROM edge_destination WHERE name = @destination", new { destination }) is not null, GiveUpAfter);
        Assert.True(failed is not null, "the sender never tried the unreachable node");
    }
}
