namespace KetamineContent.Api.Webhooks;

public static class WebhookSql
{
    private const string Columns = """
        id AS Id, url AS Url, events AS Events, active AS Active, disabled_reason AS DisabledReason,
        consecutive_failures AS ConsecutiveFailures, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public const string Insert = "INSERT INTO webhook_subscription (id, url, events, secret, active) VALUES (@Id, @Url, @Events, @Secret, @Active) RETURNING " + Columns;

    public const string List = "SELECT " + Columns + " FROM webhook_subscription ORDER BY created_at, id";

    public const string Get = "SELECT " + Columns + " FROM webhook_subscription WHERE id = @Id";

    public const string Update = """
        UPDATE webhook_subscription
        SET url = @Url, events = @Events, active = @Active, updated_at = now(),
            disabled_reason = CASE WHEN @Active THEN NULL ELSE disabled_reason END,
            consecutive_failures = CASE WHEN @Active THEN 0 ELSE consecutive_failures END
        WHERE id = @Id
        RETURNING
        """ + " " + Columns;

    public const string Delete = "DELETE FROM webhook_subscription WHERE id = @Id";

    public const string Rotate = "UPDATE webhook_subscription SET secret = @Secret, updated_at = now() WHERE id = @Id RETURNING " + Columns;

    public const string Deliveries = """
        SELECT id AS Id, message_id AS MessageId, event_type AS EventType, status AS Status, attempts AS Attempts,
               last_status_code AS LastStatusCode, last_latency_ms AS LastLatencyMs, last_error AS LastError,
               created_at AS CreatedAt, next_attempt_at AS NextAttemptAt, delivered_at AS DeliveredAt
        FROM webhook_delivery WHERE subscription_id = @Id ORDER BY created_at DESC, id LIMIT @Take
        """;

    public const string Redeliver = """
        UPDATE webhook_delivery SET status = 'pending', next_attempt_at = now(), last_error = NULL
        WHERE id = @DeliveryId AND subscription_id = @Id
        """;
}
