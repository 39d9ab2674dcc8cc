using System.Text.Json;
using System.Text.Json.Nodes;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Seeding;

namespace KetamineContent.Api.OpenApi;

/// <summary>Example bodies for the documented response types, built from the sample content.</summary>
public static partial class OpenApiExamples
{
    private static readonly DateTimeOffset Published = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<Type, Func<object>> Factories = Build();
    private static readonly Dictionary<string, Func<object>> OperationFactories = OperationExamples();

    private static Dictionary<Type, Func<object>> Build()
    {
        var factories = ManageExamples();
        foreach (var (type, factory) in DeliveryExamples().Concat(AssetExamples()).Concat(LinkExamples()).Concat(WorkflowExamples()).Concat(TaskExamples()).Concat(ReleaseExamples()).Concat(ClinicalExamples()))
        {
            factories[type] = factory;
        }

        return factories;
    }

    private static Dictionary<Type, Func<object>> DeliveryExamples() => new()
    {
        [typeof(ArticleDocument)] = () => Article(),
        [typeof(ArticlePage)] = () => new ArticlePage([Summary()], "eyJTIjoiLXB1Ymxpc2hlZCIsIlYiOiIyMDI2LTExLTAxVDA5OjAwOjAwLjAwMDAwMDBaIiwiSSI6IjZiMWYwYzFlLTAwMDQtNDAwMC04MDAwLTAwMDAwMDAwMDAwNCJ9"),
        [typeof(SectionInArticle)] = () => new SectionInArticle("ketamine-for-anxiety", "en", 1, Article().Sections.First(s => s.Kind == "side_effects")),
        [typeof(Sync.SyncPage)] = () => new Sync.SyncPage([Article()],
            [new Sync.SyncDeleted(Guid.Parse("6b1f0c1e-0002-4000-8000-000000000002"), "ketamine-and-compulsive-eating", "en", "safety", Published, "ketamine-for-addiction", "/v1/articles/ketamine-for-addiction")],
            "eyJQIjoiZCIsIk4iOjEyLCJBIjpudWxsLCJUIjpudWxsLCJMIjpudWxsfQ.8kq3Zr0Jx1n9a1Wb2m7YvA", false),
        [typeof(Search.SearchPage)] = () => new Search.SearchPage([new Search.SearchHit(Guid.Parse("6b1f0c1e-0002-4000-8000-000000000002"), "ketamine-and-compulsive-eating", "en", "Ketamine and compulsive eating",
            "Compulsive eating can be understood as a behavioural addiction.", "addiction", ["ketamine", "compulsive-eating"], Published, Published, 0.0759,
            "side_effects", "Ketamine is a controlled substance (<mark>Schedule</mark> <mark>III</mark> in the United States) because it can be misused.")], null),
        [typeof(IReadOnlyList<Trust.CslItem>)] = () => Trust.CslJson.Items(Article().References),
        [typeof(TopicList)] = () => new TopicList([new TopicDocument("anxiety", "Anxiety", "F41", 1, [new("icd-10-cm", "F41", "Other anxiety disorders")]),
            new TopicDocument("depression", "Depression", "F32", 1, [new("icd-10-cm", "F32", "Depressive episode"), new("icd-10-cm", "F33", "Major depressive disorder, recurrent")])]),
        [typeof(Microsoft.AspNetCore.Mvc.ProblemDetails)] = () => new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            Title = "Not found",
            Status = 404,
            Detail = "No published article has the slug 'ketamine-for-nothing'.",
            Instance = "/v1/articles/ketamine-for-nothing",
        },
        [typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails)] = () => new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(
            new Dictionary<string, string[]> { ["limit"] = ["'limit' must be between 1 and 100."] })
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = "One or more validation errors occurred.",
            Status = 400,
            Detail = "Invalid: limit.",
        },
    };

    public static JsonNode? For(Type type, JsonSerializerOptions options) =>
        Factories.TryGetValue(type, out var factory) ? JsonSerializer.SerializeToNode(factory(), type, options) : null;

    /// <summary>The example of an operation whose answer holds more than its type's example shows, else the type's.</summary>
    public static JsonNode? For(string? operationId, Type type, JsonSerializerOptions options) =>
        operationId is not null && OperationFactories.TryGetValue(operationId, out var factory) && factory().GetType() == type
            ? JsonSerializer.SerializeToNode(factory(), type, options)
            : For(type, options);

    public static JsonNode JsonLdExample() =>
        Delivery.JsonLd.For(Article() with { Publisher = new Clinical.PublisherOptions().Document() },
            new TopicInfo("Anxiety", "Psychiatric", [new("icd-10-cm", "F41", "Other anxiety disorders")]), "https://content.example.org/v1/articles/ketamine-for-anxiety");

    private static ArticleDocument Article()
    {
        var sample = SampleArticle.All.Single(a => a.Slug == "ketamine-for-anxiety");
        var (sections, numbered) = Trust.CitationNumbering.Number(sample.Content);
        return new ArticleDocument(
            sample.Id, sample.Slug, "en", sample.Topic, sample.Tags, sample.Content.Title, sample.Content.Summary,
            sample.Content.Disclaimer, 1,
            sections,
            numbered,
            new ReviewDocument(new ReviewerDocument(SampleReviewer.Psychiatrist.Name, SampleReviewer.Psychiatrist.Credentials, SampleReviewer.Psychiatrist.Specialty,
                SampleReviewer.Psychiatrist.ProfileUrl), Published, Published.AddMonths(12)),
            Published, Published, 420, 3, [])
        {
            Related = RelatedExample(sample),
            NextReviewDue = Published.AddMonths(12),
            Publisher = new Clinical.PublisherOptions { Url = "https://content.example.org/", License = "https://creativecommons.org/licenses/by-nc-nd/4.0/" }.Document(),
        };
    }

    private static ArticleSummary Summary()
    {
        var a = Article();
        return new ArticleSummary(a.Id, a.Slug, a.Locale, a.Title, a.Summary, a.Topic, a.Tags, a.PublishedAt, a.UpdatedAt);
    }
}
