using System.Text.Json.Serialization;

namespace KetamineContent.Api.Webhooks;

public sealed record WebhookInput(string Url, IReadOnlyList<string> Events, bool? Active);

/// <summary>A subscription. <c>secret</c> appears only when it is created or rotated.</summary>
public sealed record WebhookSubscription(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    bool Active,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DisabledReason,
    int ConsecutiveFailures,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret);

public sealed record WebhookList(IReadOnlyList<WebhookSubscription> Items);

/// <summary>One delivery of one event to one subscription: attempts, the last status code, latency and error.</summary>
public sealed record WebhookDeliveryView(
    Guid Id,
    string MessageId,
    string EventType,
    string Status,
    int Attempts,
    int? LastStatusCode,
    int? LastLatencyMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? DeliveredAt);

public sealed record WebhookDeliveryList(IReadOnlyList<WebhookDeliveryView> Items);
