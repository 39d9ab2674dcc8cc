using System.Text.Json;
using KetamineContent.Api.Access;
using KetamineContent.Api.Editing;

namespace KetamineContent.Api.OpenApi;

public static partial class OpenApiExamples
{
    private static readonly Guid ExampleId = Guid.Parse("0f8e4c1a-5d2b-4e7f-9a31-2c6b8d4e0a17");

    private static Dictionary<Type, Func<object>> ManageExamples() => new()
    {
        [typeof(ManagedArticle)] = () => Managed(),
        [typeof(ManagedArticlePage)] = () => new ManagedArticlePage([Managed()], null),
        [typeof(ReviewView)] = () => Review(),
        [typeof(RevisionList)] = () => new RevisionList(ExampleId,
        [
            new RevisionSummary(1, "editor one", "Created", Published.AddDays(-3), ReviewStates.Reviewed, true),
            new RevisionSummary(2, "editor one", "Clarified the side effects", Published, ReviewStates.Unreviewed, false),
        ]),
        [typeof(RevisionDocument)] = () => new RevisionDocument(2, "editor one", "Clarified the side effects", Published, ReviewStates.Reviewed, [Review()], Article(),
            Trust.Readability.Of(Article())),
        [typeof(RevisionDiff)] = () => new RevisionDiff(1, 2,
            [new FieldChange("title", "Ketamine for anxiety", "Ketamine for anxiety: what to know")],
            [new SectionChange("side_effects", "changed", "Side effects", "Side effects and safety",
                [new DiffLine("=", "Nausea and dizziness are common."), new DiffLine("+", "Dissociation can be distressing for some people.")])]),
        [typeof(CreatedApiKey)] = () => new CreatedApiKey(ExampleId, "web editor", Roles.Editor, "kc_Zm9vYm", Published, "kc_Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5"),
        [typeof(SessionsEnded)] = () => new SessionsEnded(2),
        [typeof(KeyList)] = () => new KeyList([new ApiKeyInfo(ExampleId, "web editor", Roles.Editor, "kc_Zm9vYm", Published, null)]),
        [typeof(ApiKeyInfo)] = () => new ApiKeyInfo(ExampleId, "web editor", Roles.Editor, "kc_Zm9vYm", Published, null),
        [typeof(Webhooks.WebhookSubscription)] = () => Hook(),
        [typeof(Webhooks.WebhookList)] = () => new Webhooks.WebhookList([Hook() with { Secret = null }]),
        [typeof(Webhooks.WebhookDeliveryList)] = () => new Webhooks.WebhookDeliveryList(
            [new Webhooks.WebhookDeliveryView(Guid.Parse("3d2a7f4e-9c1b-4e8a-b6d5-0f1e2a3b4c5d"), "msg_42", "article.published", "delivered", 1, 200, 35, null, Published, Published, Published)]),
        [typeof(Import.ImportedArticle)] = () => new Import.ImportedArticle(Managed() with { Status = "draft", PublishedRevision = null, Revision = 1 },
            new Import.ImportReport("Ketamine for anxiety", "heading", "Anxiety brings constant worry and physical symptoms.",
                [new Import.HeadingMapping("How does ketamine work?", "mechanism", "overview", ["how does ketamine work"], null),
                 new Import.HeadingMapping("Our clinic", null, "what_to_expect", ["clinic"], "mechanism"),
                 new Import.HeadingMapping("What to expect", "what_to_expect", null, [], null, Generated: true)],
                [new Import.ParagraphPlacement("Anxiety brings constant worry and physical symptoms.", null, "summary", null, []),
                 new Import.ParagraphPlacement("It blocks the NMDA receptor, a glutamate receptor…", "mechanism", "heading", "overview", ["how does ketamine work"]),
                 new Import.ParagraphPlacement("Nausea and dizziness can occur during a session.", "side_effects", "words", "what_to_expect", ["nausea", "dizziness"])],
                ["what_to_expect"], [new Import.DroppedLine("© 2026 Example Clinic. All rights reserved.", "copyright line"), new Import.DroppedLine("Phone: +1 555 010 0199", "phone or fax line")], [new Import.ImportedImage("clinic.jpg", "The treatment room")])),
        [typeof(Trust.ReviewerView)] = () => Reviewer(),
        [typeof(Trust.ReviewerList)] = () => new Trust.ReviewerList([Reviewer()]),
        [typeof(AuditPage)] = () => new AuditPage(
            [new AuditEntry(42, Published, ExampleId, "reviewer one", Roles.Reviewer, "article.published", ExampleId, 2, JsonDocument.Parse("{}").RootElement)], "42"),
    };

    /// <summary>Answers that carry plain-language scores, which their type's example (shared with lists and delivery) leaves out.</summary>
    private static Dictionary<string, Func<object>> OperationExamples() => new()
    {
        ["GetManagedArticle"] = () => Managed() with { Readability = Trust.Readability.Of(Article()) },
        ["PreviewArticle"] = () => Article() with { Readability = Trust.Readability.Of(Article()) },
    };

    private static ManagedArticle Managed() => new(
        ExampleId, "ketamine-for-anxiety", "en", ExampleId, "anxiety", ["ketamine", "social-anxiety"], "Ketamine for anxiety",
        "published", 2, 1, ReviewStates.Reviewed, Review(), new ScheduledView(2, Published.AddDays(1)), Published.AddDays(-3), Published);

    private static Webhooks.WebhookSubscription Hook() => new(ExampleId, "https://front.example.org/hooks/content", ["article.published", "article.withdrawn"],
        true, null, 0, Published, Published, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    private static Trust.ReviewerView Reviewer() => new(Seeding.SampleReviewer.Psychiatrist.Id, Seeding.SampleReviewer.Psychiatrist.Name,
        Seeding.SampleReviewer.Psychiatrist.Credentials, Seeding.SampleReviewer.Psychiatrist.Specialty, Seeding.SampleReviewer.Psychiatrist.ProfileUrl,
        "0000-0002-1825-0097", ExampleId, 2, Published.AddDays(-30), Published);

    private static ReviewView Review() => new(2, "Example Reviewer (sample profile, not a real person)", Guid.Parse("5e1d7a2c-0001-4000-8000-0000000000a1"), "Checked against current guidance.", Published, Published.AddMonths(12));
}
