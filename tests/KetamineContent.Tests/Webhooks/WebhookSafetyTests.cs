using System.Net;
using System.Net.Http.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Webhooks;

/// <summary>Where targets are checked (at connect), which addresses are refused, and what counts as a failed delivery.</summary>
public sealed class WebhookSafetyTests
{
    private static Task WaitAsync(Func<Task<bool>> done) => WebhookTests.WaitAsync(done, 30);

    [Fact]
    public async Task NatTunnelDocumentationAndOtherSpecialPurposeAddressesAreRefusedAndPublicOnesAccepted()
    {
        await using var api = new ApiFactory();
        await api.InitializeAsync();
        using var admin = api.Client(ApiFactory.AdminKey);
        string[] refused =
        [
            "http://[64:ff9b::a00:1]/x", "http://[64:ff9b::808:808]/x", "http://[64:ff9b:1::1]/x", "http://[2002:7f00:1::1]/x",
            "http://[2002:808:808::1]/x", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/x", "http://[2001:db8::1]/x", "http://[3fff::1]/x",
            "http://[100::1]/x", "http://[fc00::1]/x", "http://[fe80::1]/x", "http://[ff02::1]/x", "http://[::ffff:127.0.0.1]/x", "http://[::a00:1]/x",
            "http://192.0.2.1/x", "http://198.51.100.7/x", "http://203.0.113.9/x", "http://198.18.0.1/x", "http://192.0.0.8/x",
            "http://192.88.99.1/x", "http://240.0.0.1/x", "http://255.255.255.255/x", "http://224.0.0.1/x", "http://100.64.0.1/x", "http://0.0.0.0/x",
        ];
        foreach (var url in refused)
        {
            var problem = await (await admin.PostAsJsonAsync("/v1/manage/webhooks", new { url, events = new[] { "article.published" } }))
                .AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), url);
        }

        foreach (var url in new[] { "http://93.184.216.34/x", "https://8.8.8.8/x", "http://[2606:4700:4700::1111]/x", "http://[2a00:1450:4001::1]/x" })
        {
            var created = await admin.PostAsJsonAsync("/v1/manage/webhooks", new { url, events = new[] { "article.published" } });
            Assert.True(created.StatusCode == HttpStatusCode.Created, url + ": " + await created.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task ATargetIsCheckedWhereItIsConnected()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var api = new ApiFactory().With("Webhooks:PollIntervalSeconds", "0.1").With("Webhooks:RetryBaseSeconds", "60");
        await api.InitializeAsync();

        // A name that passed the check when it was saved and now resolves to loopback (here: localhost).
        var url = receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        await using var db = await api.OpenDatabaseAsync();
        await db.ExecuteAsync("""
            INSERT INTO webhook_subscription (id, url, events, secret) VALUES (gen_random_uuid(), @url, ARRAY['article.published'], @secret)
            """, new { url, secret = "whsec_" + Convert.ToBase64String(new byte[32]) });
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        await Articles.PublishedAsync(editor, reviewer, Articles.NewSlug("rebound"));

        await WaitAsync(async () => await db.ExecuteScalarAsync<string?>("SELECT last_error FROM webhook_delivery") is not null);
        var error = await db.ExecuteScalarAsync<string>("SELECT last_error FROM webhook_delivery");
        Assert.Contains("refused at connect", error, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", error, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task AWebhookAnAdminDisabledStaysDisabledWhateverAnInFlightDeliveryReports()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Delay = TimeSpan.FromSeconds(12);
        await using var api = new ApiFactory().With("Webhooks:AllowPrivateTargets", "true").With("Webhooks:PollIntervalSeconds", "0.1")
            .With("Webhooks:RetryBaseSeconds", "60").With("Webhooks:TimeoutSeconds", "5");
        await api.InitializeAsync();
        using var admin = api.Client(ApiFactory.AdminKey);
        var hook = (await (await admin.PostAsJsonAsync("/v1/manage/webhooks", new { url = receiver.Url, events = new[] { "article.published" } })).JsonAsync())
            .GetProperty("id").GetGuid();
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        await Articles.PublishedAsync(editor, reviewer, Articles.NewSlug("in-flight"));
        await WaitAsync(() => Task.FromResult(!receiver.Received.IsEmpty));
        Assert.False(receiver.Received.IsEmpty, "the delivery never started");

        var paused = await (await admin.PutAsJsonAsync($"/v1/manage/webhooks/{hook}", new { url = receiver.Url, events = new[] { "article.published" }, active = false })).JsonAsync();
        Assert.False(paused.GetProperty("active").GetBoolean());
        await using var db = await api.OpenDatabaseAsync();
        await WaitAsync(async () => await db.ExecuteScalarAsync<string?>("SELECT last_error FROM webhook_delivery") is not null);
        Assert.NotNull(await db.ExecuteScalarAsync<string?>("SELECT last_error FROM webhook_delivery")); // the in-flight attempt failed (timeout)

        var after = await (await admin.GetAsync($"/v1/manage/webhooks/{hook}")).JsonAsync();
        Assert.False(after.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task ADeliveryCutShortByShutdownIsNotCountedAsAFailure()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Delay = TimeSpan.FromSeconds(20);
        var api = new ApiFactory().With("Webhooks:AllowPrivateTargets", "true").With("Webhooks:PollIntervalSeconds", "0.1")
            .With("Webhooks:TimeoutSeconds", "30");
        await api.InitializeAsync();
        using (var admin = api.Client(ApiFactory.AdminKey))
        {
            await (await admin.PostAsJsonAsync("/v1/manage/webhooks", new { url = receiver.Url, events = new[] { "article.published" } })).JsonAsync();
        }

        using (var editor = api.Client(await api.KeyAsync("editor")))
        using (var reviewer = api.Client(await api.KeyAsync("reviewer")))
        {
            await Articles.PublishedAsync(editor, reviewer, Articles.NewSlug("shutdown"));
        }

        await WaitAsync(() => Task.FromResult(!receiver.Received.IsEmpty));
        Assert.False(receiver.Received.IsEmpty, "the delivery never started");
        await api.DisposeAsync(); // graceful shutdown while the receiver is still answering

        await using var db = new Npgsql.NpgsqlConnection(api.ConnectionString);
        var delivery = await db.QuerySingleAsync<(string Status, int Attempts, string? LastError)>(
            "SELECT status, attempts, last_error FROM webhook_delivery");
        Assert.Equal(("pending", 0, (string?)null), delivery);
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT consecutive_failures FROM webhook_subscription"));
    }
}
