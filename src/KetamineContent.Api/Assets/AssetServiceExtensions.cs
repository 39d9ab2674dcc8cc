using FluentValidation;

namespace KetamineContent.Api.Assets;

public static class AssetServiceExtensions
{
    public static IServiceCollection AddAssets(this IServiceCollection services)
    {
        services.AddOptions<AssetOptions>().BindConfiguration("Assets")
            .Validate(o => o.MaxBytes > 0 && o.MaxPixels > 0 && o.MaxDimension > 0, "Assets:MaxBytes, MaxPixels and MaxDimension must be positive.")
            .Validate(o => o.MaxConcurrentRenditions is >= 1 and <= 64, "Assets:MaxConcurrentRenditions must be 1 to 64.")
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
