namespace KetamineContent.Api.Editing;

/// <summary>Section "Review": how long a medical sign-off stays valid, and how often scheduled publications are applied.</summary>
public sealed class ReviewOptions
{
    public int ValidityMonths { get; set; } = 12;

    public double SchedulerIntervalSeconds { get; set; } = 5;
}
