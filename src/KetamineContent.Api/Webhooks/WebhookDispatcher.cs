using System.Diagnostics;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KetamineContent.Api.Webhooks;

/// <summary>
/// Delivers pending webhook deliveries. A delivery is claimed with FOR UPDATE SKIP LOCKED and leased (its next
/// attempt moved past the lease), so several API nodes never send the same one at once, and one left half-done
/// by a crashed node is retried after the lease. Failures retry with exponential backoff and jitter until
/// Webhooks:RetryForHours, then fail; a subscription failing Webhooks:DisableAfterFailures times in a row is disabled
/// (and one an admin disabled stays disabled). A delivery cut short by shutdown is handed back, not counted as a failure.
/// </summary>
public sealed class WebhookDispatcher(NpgsqlDataSource dataSource, IHttpClientFactory clients, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    public const string ClientName = "webhooks";

    private const string Claim = """
        UPDATE webhook_delivery d
        SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => @Lease)
        FROM webhook_subscription s, outbox_event e
        WHERE d.id IN (SELECT w.id FROM webhook_delivery w JOIN webhook_subscription ws ON ws.id = w.subscription_id AND ws.active
                       WHERE w.status = 'pending' AND w.next_attempt_at <= now()
                       ORDER BY w.next_attempt_at LIMIT 20 FOR UPDATE OF w SKIP LOCKED)
          AND s.id = d.subscription_id AND e.id = d.event_id
        RETURNING d.id AS Id, d.subscription_id AS SubscriptionId, d.message_id AS MessageId, d.attempts AS Attempts,
                  d.created_at AS CreatedAt, s.url AS Url, s.secret AS Secret, e.payload::text AS Payload
        """;

    private const string Delivered = """
        UPDATE webhook_delivery SET status = 'delivered', delivered_at = now(), last_status_code = @Status, last_latency_ms = @Latency, last_error = NULL
        WHERE id = @Id;
        UPDATE webhook_subscription SET consecutive_failures = 0 WHERE id = @SubscriptionId;
        """;

    private const string Released = "UPDATE webhook_delivery SET attempts = attempts - 1, next_attempt_at = now() WHERE id = @Id";

    /// <summary>A failed attempt counts towards disabling, but never re-enables a subscription an admin disabled meanwhile.</summary>
    private const string Failed = """
        UPDATE webhook_delivery
        SET status = CASE WHEN now() - created_at > make_interval(hours => @RetryForHours) THEN 'failed' ELSE 'pending' END,
            next_attempt_at = now() + make_interval(secs => @Delay),
            last_status_code = @Status, last_latency_ms = @Latency, last_error = @Error
        WHERE id = @Id;
        UPDATE webhook_subscription
        SET consecutive_failures = consecutive_failures + 1,
            active = active AND consecutive_failures + 1 < @DisableAfter,
            disabled_reason = CASE WHEN active AND consecutive_failures + 1 >= @DisableAfter
                                   THEN 'disabled after ' || (consecutive_failures + 1) || ' failed deliveries in a row; last error: ' || @Error
                                   ELSE disabled_reason END,
            updated_at = now()
        WHERE id = @SubscriptionId;
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.PollIntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning("Webhook deliveries paused this round: {Error}", ex.Message);
            }

            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Claims what is due and sends it; returns how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        List<Due> due;
        await using (var c = await dataSource.OpenConnectionAsync(ct))
        {
            due = (await c.QueryAsync<Due>(new CommandDefinition(Claim, new { Lease = o.LeaseSeconds }, cancellationToken: ct))).AsList();
        }

        await Task.WhenAll(due.Select(d => SendAsync(d, o, ct)));
        return due.Count;
    }

    private async Task SendAsync(Due delivery, WebhookOptions o, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        int? status = null;
        string? error;
        try
        {
            // The target is checked where it is connected (TargetGuard.ConnectCallback on this client's handler).
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
            {
                Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("webhook-id", delivery.MessageId);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", WebhookSignature.Sign(delivery.Secret, delivery.MessageId, timestamp, delivery.Payload));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            status = (int)response.StatusCode;
            error = response.IsSuccessStatusCode ? null : $"the receiver answered {status}";
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: not the receiver's failure. The attempt is handed back, due now, for this node after
            // its restart or for another node.
            await using var released = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await released.ExecuteAsync(new CommandDefinition(Released, new { delivery.Id }));
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            error = ex is TaskCanceledException ? $"no answer within {o.TimeoutSeconds:0} s" : ex.Message;
        }

        var latency = (int)clock.ElapsedMilliseconds;
        Telemetry.WorkMetrics.WebhookAttempted(clock.Elapsed, error is null, delivery.CreatedAt);
        await using var c = await dataSource.OpenConnectionAsync(CancellationToken.None);
        if (error is null)
        {
            await c.ExecuteAsync(new CommandDefinition(Delivered, new { delivery.Id, delivery.SubscriptionId, Status = status, Latency = latency }));
            return;
        }

        var delay = Math.Min(3600, o.RetryBaseSeconds * Math.Pow(2, Math.Max(0, delivery.Attempts - 1))) * (0.75 + Random.Shared.NextDouble() * 0.5);
        await c.ExecuteAsync(new CommandDefinition(Failed, new
        {
            delivery.Id,
            delivery.SubscriptionId,
            Status = status,
            Latency = latency,
            Error = error.Length > 500 ? error[..500] : error,
            Delay = delay,
            RetryForHours = (int)Math.Ceiling(o.RetryForHours),
            DisableAfter = o.DisableAfterFailures,
        }));
    }

    private sealed class Due
    {
        public Guid Id { get; init; }
        public Guid SubscriptionId { get; init; }
        public string MessageId { get; init; } = "";
        public int Attempts { get; init; }
        public DateTime CreatedAt { get; init; }
        public string Url { get; init; } = "";
        public string Secret { get; init; } = "";
        public string Payload { get; init; } = "";
    }
}
