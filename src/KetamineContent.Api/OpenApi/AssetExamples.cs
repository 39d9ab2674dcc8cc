using KetamineContent.Api.Assets;

namespace KetamineContent.Api.OpenApi;

/// <summary>Examples of the media library's answers.</summary>
public static partial class OpenApiExamples
{
    private static readonly Guid ExampleAssetId = Guid.Parse("0f8a3c52-7d1e-4b6a-9c2f-5e4d3b2a1c00");

    private static Dictionary<Type, Func<object>> AssetExamples() => new()
    {
        [typeof(AssetView)] = () => Asset(),
        [typeof(AssetPage)] = () => new AssetPage([Asset()], null),
        [typeof(AssetUsage)] = () => new AssetUsage(ExampleAssetId,
            [new AssetUse(Guid.Parse("6b1f0c1e-0003-4000-8000-000000000003"), "ketamine-for-anxiety", "en", "published", InLatest: true, InPublished: true)]),
    };

    private static AssetView Asset() => new(ExampleAssetId, "treatment-room.jpg", "image/jpeg", 482113, 3000, 2000,
        "A reclining chair in a quiet treatment room", false, "The room where sessions take place", "Clinic staff", "CC BY 4.0",
        new FocalPoint(0.5, 0.4), "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b",
        $"/v1/assets/{ExampleAssetId}/treatment-room.jpg", 1, Published, Published);

    /// <summary>The example of a file answer (image or PDF bytes), which JSON cannot show.</summary>
    public const string BinaryExample = "(the file's bytes)";
}
