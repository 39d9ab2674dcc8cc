using System.Net;
using System.Net.Http.Json;
using KetamineContent.Tests.Infrastructure;
using Xunit.Abstractions;
using static KetamineContent.Tests.Edge.ThroughVarnish;

namespace KetamineContent.Tests.Edge;

/// <summary>
/// Through two real Varnish nodes that keep answers a day (s-maxage=86400): every change readers can see reaches both,
/// because the API purges their keys. Each figure printed is from the API's answer to the first such read (no asserted
/// durations: the polls give up after 10 s).
/// </summary>
public sealed class VarnishPurgeTests(VarnishEdge edge, ITestOutputHelper output) : IClassFixture<VarnishEdge>
{
    [Fact]
    public async Task ASafetyWithdrawalAnswers410ThroughBothNodesOnceThePurgeArrives()
    {
        using var editor = edge.Api.Client(edge.EditorKey);
        using var reviewer = edge.Api.Client(edge.ReviewerKey);
        using var a = edge.A.Client();
        using var b = edge.B.Client();
        var slug = Articles.NewSlug("edge-withdrawn");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);
        await AllAcknowledgedAsync(edge.Api.ConnectionString); // the publication\'s own purge is behind us
        var path = "/v1/articles/" + slug;
        foreach (var node in new[] { a, b })
        {
            using var hit = await CachedAsync(node, path);
            Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
            Assert.Contains("s-maxage=86400", hit.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            Assert.Contains("article-" + id.ToString("N"), hit.Headers.GetValues("Surrogate-Key").Single(), StringComparison.Ordinal);
        }

        await WithdrawForSafetyAsync(reviewer, id);
        var tookA = await UntilStatusAsync(a, path, HttpStatusCode.Gone);
        var tookB = await UntilStatusAsync(b, path, HttpStatusCode.Gone);
        output.WriteLine($"withdrawal to 410 through node A: {tookA?.TotalMilliseconds:0} ms, then node B: {tookB?.TotalMilliseconds:0} ms more");
        Assert.True(tookA is not null, "node A still answers the withdrawn article after 10 s");
        Assert.True(tookB is not null, "node B still answers the withdrawn article after 10 s");
        await AllAcknowledgedAsync(edge.Api.ConnectionString);
    }

    [Fact]
    public async Task ANewRevisionIsServedThroughBothNodesOnceThePurgeArrives()
    {
        using var editor = edge.Api.Client(edge.EditorKey);
        using var reviewer = edge.Api.Client(edge.ReviewerKey);
        using var a = edge.A.Client();
        using var b = edge.B.Client();
        var slug = Articles.NewSlug("edge-revised");
        var id = await Articles.PublishedAsync(editor, reviewer, slug, title: "Ketamine and sleep, first revision");
        await AllAcknowledgedAsync(edge.Api.ConnectionString); // the publication\'s own purge is behind us
        var path = "/v1/articles/" + slug;
        foreach (var node in new[] { a, b })
        {
            using var hit = await CachedAsync(node, path);
            Assert.Equal("Ketamine and sleep, first revision", (await hit.JsonAsync()).GetProperty("title").GetString());
        }

        await (await Articles.ReviseAsync(editor, id, "\"1\"", Articles.Body(slug, "Ketamine and sleep, second revision"))).JsonAsync();
        await (await Articles.ReviewAsync(reviewer, id, 2)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 2)).JsonAsync();
        foreach (var (name, node) in new[] { ("A", a), ("B", b) })
        {
            var took = await Poll.UntilAsync(async () =>
                (await (await node.GetAsync(path)).JsonAsync()).GetProperty("title").GetString() == "Ketamine and sleep, second revision", GiveUpAfter);
            output.WriteLine($"new revision through node {name}: {took?.TotalMilliseconds:0} ms");
            Assert.True(took is not null, $"node {name} still serves the first revision after 10 s");
        }
    }

    [Fact]
    public async Task TheListSearchAndTopicsThroughBothNodesDropAWithdrawnArticle()
    {
        using var editor = edge.Api.Client(edge.EditorKey);
        using var reviewer = edge.Api.Client(edge.ReviewerKey);
        using var a = edge.A.Client();
        using var b = edge.B.Client();
        var slug = Articles.NewSlug("edge-listed");
        var id = await Articles.PublishedAsync(editor, reviewer, slug, title: "Ketamine and varnishing edges");
        await AllAcknowledgedAsync(edge.Api.ConnectionString); // the publication\'s own purge is behind us
        const string list = "/v1/articles?limit=100";
        const string search = "/v1/search?q=varnishing";
        const string topics = "/v1/topics";
        var before = 0;
        foreach (var node in new[] { a, b })
        {
            Assert.Contains(slug, await (await CachedAsync(node, list)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains(slug, await (await CachedAsync(node, search)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
            before = Depression(await (await CachedAsync(node, topics)).JsonAsync());
        }

        await WithdrawForSafetyAsync(reviewer, id);
        foreach (var (name, node) in new[] { ("A", a), ("B", b) })
        {
            var took = await Poll.UntilAsync(async () =>
                !(await node.GetStringAsync(list)).Contains(slug, StringComparison.Ordinal)
                && !(await node.GetStringAsync(search)).Contains(slug, StringComparison.Ordinal)
                && Depression(await (await node.GetAsync(topics)).JsonAsync()) == before - 1, GiveUpAfter);
            output.WriteLine($"list, search and topics without the withdrawn article through node {name}: {took?.TotalMilliseconds:0} ms");
            Assert.True(took is not null, $"node {name} still lists, finds or counts the withdrawn article after 10 s");
        }
    }

    [Fact]
    public async Task AWithdrawnArticleRepublishedIsNoLonger410AtTheEdge()
    {
        using var editor = edge.Api.Client(edge.EditorKey);
        using var reviewer = edge.Api.Client(edge.ReviewerKey);
        using var a = edge.A.Client();
        var slug = Articles.NewSlug("edge-back");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);
        await AllAcknowledgedAsync(edge.Api.ConnectionString); // the publication\'s own purge is behind us
        var path = "/v1/articles/" + slug;
        await WithdrawForSafetyAsync(reviewer, id);
        Assert.True(await UntilStatusAsync(a, path, HttpStatusCode.Gone) is not null);
        using (var gone = await CachedAsync(a, path))
        {
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            Assert.Equal("slug-" + slug, gone.Headers.GetValues("Surrogate-Key").Single());
        }

        await AllAcknowledgedAsync(edge.Api.ConnectionString);
        await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync();
        var took = await UntilStatusAsync(a, path, HttpStatusCode.OK);
        output.WriteLine($"republished to 200 through node A: {took?.TotalMilliseconds:0} ms");
        Assert.True(took is not null, "the edge still answers 410 for the republished article after 10 s");
    }

    private static int Depression(System.Text.Json.JsonElement topics) =>
        topics.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("slug").GetString() == "depression").GetProperty("count").GetInt32();
}
