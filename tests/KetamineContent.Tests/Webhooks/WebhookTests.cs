using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Webhooks;

public sealed class WebhookTests
{
    private static ApiFactory Api() => new ApiFactory()
        .With("Webhooks:AllowPrivateTargets", "true")
        .With("Webhooks:PollIntervalSeconds", "0.1")
        .With("Webhooks:RetryBaseSeconds", "0.2");

    /// <summary>The Standard Webhooks check, written here independently of the API's code.</summary>
    private static bool SignatureIsValid(string secret, (string Id, string Timestamp, string Signature, string Body) message)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        using var hmac = new HMACSHA256(key);
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(message.Id + "." + message.Timestamp + "." + message.Body)));
        return message.Signature.Split(' ').Any(s => s == "v1," + expected);
    }

    private static async Task<(Guid Id, string Secret)> SubscribeAsync(ApiFactory api, string url, params string[] events)
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        var created = await (await admin.PostAsJsonAsync("/v1/manage/webhooks", new { url, events })).JsonAsync();
        return (created.GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    internal static async Task WaitAsync(Func<Task<bool>> done, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task APublishSendsACorrectlySignedEventToTheReceiver()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var api = Api();
        await api.InitializeAsync();
        var (_, secret) = await SubscribeAsync(api, receiver.Url, "article.published", "article.withdrawn");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("hooked");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);

        await WaitAsync(() => Task.FromResult(!receiver.Received.IsEmpty));
        var message = Assert.Single(receiver.Received);
        Assert.True(SignatureIsValid(secret, message), "the signature does not verify");
        Assert.StartsWith("msg_", message.Id, StringComparison.Ordinal);
        Assert.InRange(long.Parse(message.Timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var payload = JsonDocument.Parse(message.Body).RootElement;
        Assert.Equal("article.published", payload.GetProperty("type").GetString());
        Assert.Equal(id, payload.GetProperty("data").GetProperty("articleId").GetGuid());
        Assert.Equal(slug, payload.GetProperty("data").GetProperty("slug").GetString());
        Assert.Equal(1, payload.GetProperty("data").GetProperty("revision").GetInt32());

        // A withdrawal with a reason is article.withdrawn; events not subscribed to (revision.created) are not sent.
        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { reason = "safety" })).JsonAsync();
        await WaitAsync(() => Task.FromResult(receiver.Received.Count >= 2));
        var types = receiver.Received.Select(m => JsonDocument.Parse(m.Body).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Equal(["article.published", "article.withdrawn"], types);
    }

    [Fact]
    public async Task EventsWaitOutAReceiverOutageAndArriveOnceItIsBack()
    {
        var port = Ports.Free();
        await using var api = Api();
        await api.InitializeAsync();
        var (hook, secret) = await SubscribeAsync(api, $"http://127.0.0.1:{port}/hooks", "article.published");
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var admin = api.Client(ApiFactory.AdminKey);
        await Articles.PublishedAsync(editor, reviewer, Articles.NewSlug("outage"));

        await WaitAsync(async () => (await (await admin.GetAsync($"/v1/manage/webhooks/{hook}/deliveries")).JsonAsync()).GetProperty("items")[0].GetProperty("attempts").GetInt32() >= 2);
        var failing = (await (await admin.GetAsync($"/v1/manage/webhooks/{hook}/deliveries")).JsonAsync()).GetProperty("items")[0];
        Assert.Equal("pending", failing.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(failing.GetProperty("lastError").GetString()));

        await using var receiver = await Receiver.StartAsync(port);
        await WaitAsync(() => Task.FromResult(!receiver.Received.IsEmpty));
        var message = Assert.Single(receiver.Received);
        Assert.True(SignatureIsValid(secret, message));
        await WaitAsync(async () => (await (await admin.GetAsync($"/v1/manage/webhooks/{hook}/deliveries")).JsonAsync()).GetProperty("items")[0].GetProperty("status").GetString() == "delivered");
        var delivered = (await (await admin.GetAsync($"/v1/manage/webhooks/{hook}/deliveries")).JsonAsync()).GetProperty("items")[0];
        Assert.Equal("delivered", delivered.GetProperty("status").GetString());
        Assert.True(delivered.GetProperty("attempts").GetInt32() >= 3);
        Assert.Equal(200, delivered.GetProperty("lastStatusCode").GetInt32());
    }

    [Fact]
    public async Task TwoApiNodesDeliverEachEventOnce()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var api = Api();
        await api.InitializeAsync();
        await using var other = Api().OnDatabase(api.ConnectionString);
        await other.InitializeAsync();
        await SubscribeAsync(api, receiver.Url, "revision.created");
        using var editor = api.Client(await api.KeyAsync("editor"));
        var slug = Articles.NewSlug("twice");
        var (id, _, _) = await Articles.CreateAsync(editor, slug);
        for (var n = 1; n <= 10; n++)
        {
            await (await Articles.ReviseAsync(editor, id, $"\"{n}\"", Articles.Body(slug, $"Revision {n + 1}"))).JsonAsync();
        }

        await WaitAsync(() => Task.FromResult(receiver.Received.Count >= 10));
        await Task.Delay(1000);
        Assert.Equal(10, receiver.Received.Count);
        Assert.Equal(10, receiver.Received.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public async Task TargetsAreCheckedAgainstSsrfAndBadSubscriptionsAreRefused()
    {
        await using var api = new ApiFactory();
        await api.InitializeAsync();
        using var admin = api.Client(ApiFactory.AdminKey);
        foreach (var url in new[] { "http://127.0.0.1:9/hooks", "http://localhost/hooks", "http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data", "http://[::1]/x", "ftp://example.org/x", "not a url" })
        {
            var problem = await (await admin.PostAsJsonAsync("/v1/manage/webhooks", new { url, events = new[] { "article.published" } })).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), url);
        }

        await (await admin.PostAsJsonAsync("/v1/manage/webhooks", new { url = "https://example.org/x", events = new[] { "article.exploded" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        using var editor = api.Client(await api.KeyAsync("editor"));
        await (await editor.GetAsync("/v1/manage/webhooks")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ASubscriptionCanBeListedUpdatedRotatedRedeliveredAndDeleted()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var api = Api();
        await api.InitializeAsync();
        using var admin = api.Client(ApiFactory.AdminKey);
        var (hook, first) = await SubscribeAsync(api, receiver.Url, "article.published");
        var listed = await (await admin.GetAsync("/v1/manage/webhooks")).JsonAsync();
        Assert.False(listed.GetProperty("items")[0].TryGetProperty("secret", out _));

        var rotated = await (await admin.PostAsync($"/v1/manage/webhooks/{hook}/rotate-secret", null)).JsonAsync();
        var second = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(first, second);

        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        await Articles.PublishedAsync(editor, reviewer, Articles.NewSlug("rotated"));
        await WaitAsync(() => Task.FromResult(!receiver.Received.IsEmpty));
        Assert.True(SignatureIsValid(second, receiver.Received.Single()));
        Assert.False(SignatureIsValid(first, receiver.Received.Single()));

        var delivery = (await (await admin.GetAsync($"/v1/manage/webhooks/{hook}/deliveries")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/v1/manage/webhooks/{hook}/deliveries/{delivery}/redeliver", null)).StatusCode);
        await WaitAsync(() => Task.FromResult(receiver.Received.Count >= 2));
        Assert.Equal(2, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(m => m.Id).Distinct());

        var paused = await (await admin.PutAsJsonAsync($"/v1/manage/webhooks/{hook}", new { url = receiver.Url, events = new[] { "article.published" }, active = false })).JsonAsync();
        Assert.False(paused.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/manage/webhooks/{hook}")).StatusCode);
        await (await admin.GetAsync($"/v1/manage/webhooks/{hook}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
