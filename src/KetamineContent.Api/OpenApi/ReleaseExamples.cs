using KetamineContent.Api.Releases;

namespace KetamineContent.Api.OpenApi;

public static partial class OpenApiExamples
{
    private static readonly Guid ExampleReleaseId = Guid.Parse("9e4b1c70-2d5a-4b83-a6f9-1c2d3e4f5a6b");
    private static readonly Guid SecondArticleId = Guid.Parse("6b1f0c1e-0002-4000-8000-000000000002");

    private static Dictionary<Type, Func<object>> ReleaseExamples() => new()
    {
        [typeof(ReleaseView)] = () => Release(),
        [typeof(ReleaseList)] = () => new ReleaseList([new ReleaseSummary(ExampleReleaseId, "Updated guidance on dissociation", "published", 2, null, Published, Published)]),
        [typeof(ReleaseValidation)] = () => new ReleaseValidation(ExampleReleaseId, false,
        [
            new ReleaseItemCheck(ExampleId, "ketamine-for-anxiety", 2, []),
            new ReleaseItemCheck(SecondArticleId, "ketamine-and-compulsive-eating", 3,
                ["Revision 3 has no medical review sign-off.",
                 $"The open task 'Check the side effects against current guidance' ({ExampleTaskId}) blocks publishing revision 3; resolve it first."]),
        ]),
    };

    private static ReleaseView Release() => new(ExampleReleaseId, "Updated guidance on dissociation", "Side effects sections of both articles.", "published",
        null, Published, null, null,
        [
            new ReleaseItemView(ExampleId, "ketamine-for-anxiety", "en", 2, 1, Published.AddDays(-1)),
            new ReleaseItemView(SecondArticleId, "ketamine-and-compulsive-eating", "en", 3, 2, Published.AddDays(-1)),
        ],
        "editor one", Published.AddDays(-2), Published);
}
