using KetamineContent.Api.Clinical;

namespace KetamineContent.Api.OpenApi;

/// <summary>Examples of the clinical answers: codes, the Infobutton feed, reader feedback.</summary>
public static partial class OpenApiExamples
{
    private static readonly Guid ExampleFeedbackId = Guid.Parse("3e5b7a90-1c2d-4e3f-8a4b-5c6d7e8f9a01");

    private static Dictionary<Type, Func<object>> ClinicalExamples() => new()
    {
        [typeof(TopicCodesView)] = () => new TopicCodesView("depression", "Depression",
            [new(CodeSystems.Icd10Cm, "F32", "Depressive episode"), new(CodeSystems.Icd10Cm, "F33", "Major depressive disorder, recurrent")], 2),
        [typeof(ArticleClinicalView)] = () => new ArticleClinicalView(ExampleId, [new(CodeSystems.Icd10Cm, "F50.81", "Binge eating disorder")],
            "Written without outside funding.", "None declared by the authors or the reviewer.", 1),
        [typeof(InfobuttonJson)] = () => InfobuttonFeed.Json(InfobuttonExample()),
        [typeof(FeedbackReceipt)] = () => new FeedbackReceipt(ExampleFeedbackId, "received"),
        [typeof(FeedbackView)] = () => Feedback(),
        [typeof(FeedbackSummary)] = () => new FeedbackSummary(ExampleId, 12, 3, [new FeedbackCount(2, 9, 1), new FeedbackCount(1, 3, 2)], [Feedback()]),
    };

    private static FeedbackView Feedback() => new(ExampleFeedbackId, 2, false, "The side effects section does not say how long the nausea lasts.", "side_effects",
        Published.AddDays(3), null, null);

    /// <summary>The Atom feed of the example request (F32.9 in ICD-10-CM, for a patient).</summary>
    public static string AtomExample() => System.Text.Encoding.UTF8.GetString(InfobuttonFeed.Atom(InfobuttonExample()));

    private static InfobuttonAnswer InfobuttonExample()
    {
        var publisher = new PublisherOptions { Url = "https://content.example.org/" }.Document();
        var sample = Seeding.SampleArticle.All.Single(a => a.Topic == "depression");
        return new InfobuttonAnswer(
            "https://content.example.org/v1/infobutton?mainSearchCriteria.v.c=F32.9&mainSearchCriteria.v.cs=2.16.840.1.113883.6.90&informationRecipient=PAT",
            publisher.Name, publisher.Name + " results for ICD-10-CM F32.9", Published, "en", publisher,
            [("mainSearchCriteria.v.c", "F32.9"), ("mainSearchCriteria.v.cs", "2.16.840.1.113883.6.90"), ("informationRecipient", "PAT")],
            [new InfobuttonEntry(sample.Id, sample.Content.Title, "https://example.org/en/" + sample.Slug, sample.Content.Summary, Published, "en", "2026-11-01", "2027-11-01")]);
    }
}
