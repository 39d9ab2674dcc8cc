using FluentValidation;

namespace KetamineContent.Api.Assets;

public static class AssetServiceExtensions
{
    public static IServiceCollection AddAssets(this IServiceCollection services)
    {
        services.AddOptions<AssetOptions>().BindConfiguration("Assets")
            .Validate(o => o.MaxBytes > 0 && o.MaxPixels > 0 && o.MaxDimension > 0, "Assets:MaxBytes, MaxPixels and MaxDimension must be positive.")
            .Validate(o => o.MaxConcurrentRenditions is >= 1 and <= 64, "Assets:MaxConcurrentRenditions must be 1 to 64.")
            .Validate(o => o.MaxQueuedRenditions is >= 0 and <= 10_000, "Assets:MaxQueuedRenditions must be 0 to 10000.")
            .Validate(o => o.RenditionTimeoutSeconds is > 0 and <= 600, "Assets:RenditionTimeoutSeconds must be more than 0 and at most 600.")
            .Validate(o => o.MaxPages >= 1, "Assets:MaxPages must be positive.")
            .ValidateOnStart();
        services.AddSingleton<AssetStore>();
        services.AddSingleton<AssetLookup>();
        services.AddSingleton<ImageEngine>();
        services.AddSingleton<RenditionCache>();
        services.AddSingleton<IValidator<AssetListQuery>, AssetListQueryValidator>();
        services.AddSingleton<IValidator<AssetMetadataInput>, AssetMetadataInputValidator>();
        return services;
    }
}
