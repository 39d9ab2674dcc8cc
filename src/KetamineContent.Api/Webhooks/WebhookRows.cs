using KetamineContent.Api.Delivery;

namespace KetamineContent.Api.Webhooks;

public sealed class WebhookRow
{
    public Guid Id { get; init; }
    public string Url { get; init; } = "";
    public string[] Events { get; init; } = [];
    public bool Active { get; init; }
    public string? DisabledReason { get; init; }
    public int ConsecutiveFailures { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public WebhookSubscription ToContract(string? secret = null) =>
        new(Id, Url, Events, Active, DisabledReason, ConsecutiveFailures, DeliveryMapping.Utc(CreatedAt), DeliveryMapping.Utc(UpdatedAt), secret);
}

public sealed class DeliveryRow
{
    public Guid Id { get; init; }
    public string MessageId { get; init; } = "";
    public string EventType { get; init; } = "";
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public int? LastStatusCode { get; init; }
    public int? LastLatencyMs { get; init; }
    public string? LastError { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime NextAttemptAt { get; init; }
    public DateTime? DeliveredAt { get; init; }

    public WebhookDeliveryView ToContract() => new(Id, MessageId, EventType, Status, Attempts, LastStatusCode, LastLatencyMs, LastError,
        DeliveryMapping.Utc(CreatedAt), DeliveryMapping.Utc(NextAttemptAt), DeliveredAt is { } d ? DeliveryMapping.Utc(d) : null);
}
