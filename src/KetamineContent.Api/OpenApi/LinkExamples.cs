using KetamineContent.Api.Seeding;
using KetamineContent.Api.Trust;

namespace KetamineContent.Api.OpenApi;

public static partial class OpenApiExamples
{
    private const string ExampleBase = "https://content.example.org";

    private static Dictionary<Type, Func<object>> LinkExamples() => new()
    {
        [typeof(LinkedFromList)] = () => new LinkedFromList(Guid.Parse("6b1f0c1e-0004-4000-8000-000000000004"),
        [
            new LinkingArticle(Guid.Parse("6b1f0c1e-0003-4000-8000-000000000003"), "ketamine-for-depression-and-the-risk-of-dependence", "en",
                "Ketamine for depression and the risk of dependence", ["link", "related"]),
        ]),
    };

    /// <summary>The related articles of a sample, as readers get them.</summary>
    private static List<RelatedArticle> RelatedExample(SampleArticle sample) =>
        sample.Content.Related.Select(slug => SampleArticle.All.Single(a => a.Slug == slug))
            .Select(a => new RelatedArticle(a.Slug, a.Content.Title, $"{ExampleBase}/v1/articles/{a.Slug}")).ToList();
}
