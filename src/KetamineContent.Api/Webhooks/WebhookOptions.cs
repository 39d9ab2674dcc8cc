namespace KetamineContent.Api.Webhooks;

/// <summary>Section "Webhooks".</summary>
public sealed class WebhookOptions
{
    /// <summary>Loopback and private-range targets are refused (against SSRF) unless this is set.</summary>
    public bool AllowPrivateTargets { get; set; }

    public double PollIntervalSeconds { get; set; } = 1;

    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>First retry delay; each further one doubles (with jitter), up to an hour.</summary>
    public double RetryBaseSeconds { get; set; } = 5;

    /// <summary>After this long without success a delivery is marked failed.</summary>
    public double RetryForHours { get; set; } = 24;

    /// <summary>A subscription failing this many deliveries in a row is disabled, with the reason.</summary>
    public int DisableAfterFailures { get; set; } = 50;

    /// <summary>How long a claimed delivery is reserved for one node before another may retry it.</summary>
    public double LeaseSeconds { get; set; } = 60;
}
