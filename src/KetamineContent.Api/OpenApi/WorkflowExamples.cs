using KetamineContent.Api.Workflow;

namespace KetamineContent.Api.OpenApi;

public static partial class OpenApiExamples
{
    private static readonly Guid ExampleLinkId = Guid.Parse("5c0d9e2b-7a41-4f3e-8b26-1d4c9a7e3f50");

    private static Dictionary<Type, Func<object>> WorkflowExamples() => new()
    {
        [typeof(PreviewLink)] = () => PreviewLinkExample("pv_K56MXEF6PkOLJh1MmnN_UA.Xq0eW4v6n0l9Yb3d2a7f4Q",
            "https://content.example.org/v1/preview/articles/ketamine-for-anxiety?token=pv_K56MXEF6PkOLJh1MmnN_UA.Xq0eW4v6n0l9Yb3d2a7f4Q"),
        [typeof(PreviewLinkList)] = () => new PreviewLinkList([PreviewLinkExample(null, null)]),
    };

    private static PreviewLink PreviewLinkExample(string? token, string? url) => new(
        ExampleLinkId, ExampleId, "ketamine-for-anxiety", "en", null, Published.AddHours(48), Published, null, "web editor", token, url);
}
