namespace KetamineContent.Api.Seeding;

/// <summary>
/// The sample reviewer profiles: examples, not real people (their names say so), with URLs on the reserved example.org
/// domain and no ORCID iD. Each sample article's sign-off records one of them.
/// </summary>
public sealed record SampleReviewer(Guid Id, string Name, IReadOnlyList<string> Credentials, string Specialty, string ProfileUrl)
{
    public static SampleReviewer Psychiatrist { get; } = new(
        Guid.Parse("5e1d7a2c-0001-4000-8000-0000000000a1"), "Example Reviewer (sample profile, not a real person)", ["MD"], "Psychiatry",
        "https://example.org/reviewers/example-psychiatrist");

    public static SampleReviewer Pharmacist { get; } = new(
        Guid.Parse("5e1d7a2c-0002-4000-8000-0000000000a2"), "Example Pharmacist (sample profile, not a real person)", ["PharmD"], "Clinical pharmacy",
        "https://example.org/reviewers/example-pharmacist");

    public static IReadOnlyList<SampleReviewer> All { get; } = [Psychiatrist, Pharmacist];

    /// <summary>Who signed off a sample: the pharmacist the article on dependence, the psychiatrist the others.</summary>
    public static SampleReviewer For(string slug) =>
        slug == "ketamine-for-depression-and-the-risk-of-dependence" ? Pharmacist : Psychiatrist;
}
