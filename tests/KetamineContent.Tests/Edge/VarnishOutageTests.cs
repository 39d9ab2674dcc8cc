using System.Net;
using System.Net.Http.Json;
using KetamineContent.Tests.Infrastructure;
using Xunit.Abstractions;
using static KetamineContent.Tests.Edge.ThroughVarnish;

namespace KetamineContent.Tests.Edge;

/// <summary>
/// The path from the API to Varnish is a socat relay the tests cut: readers still reach Varnish directly (and get the
/// answer it kept), purges cannot. A purge written while the path is down, and even across a restart of the API, arrives
/// once the path is back.
/// </summary>
public sealed class VarnishOutageTests(ITestOutputHelper output)
{
    private static Dictionary<string, string> Settings(Relay relay) => new()
    {
        ["Cdn__Provider"] = "varnish",
        ["Cdn__Varnish__Nodes__0"] = relay.Address.ToString(),
        ["Cdn__PollIntervalSeconds"] = "0.1",
        ["Cdn__RetryBaseSeconds"] = "0.1",
        ["Cdn__RetryMaxSeconds"] = "0.5",
    };

    [Fact]
    public async Task APurgeWrittenWhileThePathToVarnishIsDownArrivesOnceItIsBack()
    {
        var port = Ports.Free();
        await using var varnish = await Varnish.StartAsync(new Uri($"http://127.0.0.1:{port}"));
        await using var relay = new Relay(varnish.Port);
        await relay.StartAsync();
        await using var api = new ApiFactory();
        foreach (var (key, value) in Settings(relay))
        {
            api.With(key.Replace("__", ":", StringComparison.Ordinal), value);
        }

        api.OnPort(port);
        await api.InitializeAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = varnish.Client();
        var slug = Articles.NewSlug("edge-outage");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);
        var path = "/v1/articles/" + slug;
        await AllAcknowledgedAsync(api.ConnectionString); // the publication's own purge is behind us
        (await CachedAsync(reader, path)).Dispose();

        await relay.StopAsync();
        await WithdrawForSafetyAsync(reviewer, id);
        await FailedOnceAsync(api.ConnectionString, relay.Address.GetLeftPart(UriPartial.Authority));
        using (var stale = await CachedAsync(reader, path))
        {
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode); // the purge has not arrived: the edge still has the article
        }

        await relay.StartAsync();
        var took = await UntilStatusAsync(reader, path, HttpStatusCode.Gone);
        output.WriteLine($"path back to 410 through Varnish: {took?.TotalMilliseconds:0} ms");
        Assert.True(took is not null, "the purge never arrived after the path came back");
        await AllAcknowledgedAsync(api.ConnectionString);
    }

    [Fact]
    public async Task ARestartOfTheApiBetweenCommitAndPurgeLosesNothing()
    {
        var cs = await TestDatabase.CreateSeededAsync();
        var port = Ports.Free();
        await using var varnish = await Varnish.StartAsync(new Uri($"http://127.0.0.1:{port}"));
        await using var relay = new Relay(varnish.Port);
        await relay.StartAsync();
        using var reader = varnish.Client();
        var slug = Articles.NewSlug("edge-restart");
        var path = "/v1/articles/" + slug;
        await using (var first = await ApiProcess.StartAsync(cs, Settings(relay), port))
        {
            using var admin = first.Client(ApiFactory.AdminKey);
            using var editor = first.Client(await KeyAsync(admin, "editor"));
            using var reviewer = first.Client(await KeyAsync(admin, "reviewer"));
            var id = await Articles.PublishedAsync(editor, reviewer, slug);
            await AllAcknowledgedAsync(cs); // the publication's own purge is behind us
            (await CachedAsync(reader, path)).Dispose();

            await relay.StopAsync();
            await WithdrawForSafetyAsync(reviewer, id);
            await FailedOnceAsync(cs, relay.Address.GetLeftPart(UriPartial.Authority));
            first.Kill();
            Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }

        using (var stale = await CachedAsync(reader, path))
        {
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode); // committed, not purged, and the API that wrote it is gone
        }

        // A node with no CDN of its own (the compose file's plain `api` beside the scale profile) on the same database
        // must leave the purges it cannot send alone: it used to prune every row no destination of its own had to take.
        await using var bystander = await ApiProcess.StartAsync(cs);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a dozen of its sender's rounds (Cdn:PollIntervalSeconds 0.25)
        await using (var db = new Npgsql.NpgsqlConnection(cs))
        {
            Assert.True(await Dapper.SqlMapper.ExecuteScalarAsync<long>(db, "SELECT count(*) FROM edge_purge") > 0, "a node without a CDN deleted the purges waiting for Varnish");
        }

        await using var second = await ApiProcess.StartAsync(cs, Settings(relay), port);
        await relay.StartAsync();
        var took = await UntilStatusAsync(reader, path, HttpStatusCode.Gone);
        output.WriteLine($"restarted API and path back to 410 through Varnish: {took?.TotalMilliseconds:0} ms");
        Assert.True(took is not null, "the purge written before the restart never arrived");
        await AllAcknowledgedAsync(cs);
    }

    private static async Task<string> KeyAsync(HttpClient admin, string role)
    {
        var created = await (await admin.PostAsJsonAsync("/v1/manage/keys", new { name = role + " " + Guid.NewGuid().ToString("N"), role })).JsonAsync();
        return created.GetProperty("key").GetString()!;
    }
}
