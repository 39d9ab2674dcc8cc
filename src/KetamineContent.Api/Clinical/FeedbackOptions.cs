namespace KetamineContent.Api.Clinical;

/// <summary>Section "Feedback": the abuse limit of reader feedback.</summary>
public sealed class FeedbackOptions
{
    /// <summary>Feedback one address may send in a UTC day (counted by the day's hash of the address); 0 switches the limit off.</summary>
    public int MaxPerAddressPerDay { get; set; } = 20;
}
