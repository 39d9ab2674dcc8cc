namespace KetamineContent.Api.Editing;

/// <summary>Section "Review": how long a medical sign-off stays valid, how often scheduled publications are applied, and when reviews come due.</summary>
public sealed class ReviewOptions
{
    public int ValidityMonths { get; set; } = 12;

    public double SchedulerIntervalSeconds { get; set; } = 5;

    /// <summary>review.due is raised this many days before a published revision's sign-off expires.</summary>
    public int DueSoonDays { get; set; } = 30;

    /// <summary>How often the review-due job runs (one node does the work each round).</summary>
    public double DueCheckIntervalSeconds { get; set; } = 3600;

    /// <summary><c>flag</c>: readers see review.overdue true; <c>withdraw</c>: the article is unpublished with reason review-overdue.</summary>
    public string OverduePolicy { get; set; } = "flag";

    /// <summary>True: only a person (console OIDC session or a person's access token) may sign off; an API key's sign-off is 403.</summary>
    public bool SignOffRequiresPerson { get; set; }
}
