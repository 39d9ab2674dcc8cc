namespace KetamineContent.Api.Assets;

/// <summary>The focal point of an image, 0..1 from the left and from the top: cover crops keep it in view.</summary>
public sealed record FocalPoint(double X, double Y);

/// <summary>An asset as the management API shows it.</summary>
public sealed record AssetView(
    Guid Id,
    string Filename,
    string ContentType,
    long Bytes,
    int? Width,
    int? Height,
    string Alt,
    bool Decorative,
    string? Caption,
    string? Credit,
    string? License,
    FocalPoint Focal,
    string Sha256,
    string Url,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record AssetPage(IReadOnlyList<AssetView> Items, string? NextCursor);

/// <summary>The metadata PUT replaces (the bytes of an asset never change; upload a new one instead).</summary>
public sealed record AssetMetadataInput(string? Alt, bool Decorative, string? Caption, string? Credit, string? License, double? FocalX, double? FocalY);

/// <summary>An article whose latest or published revision uses the asset.</summary>
public sealed record AssetUse(Guid ArticleId, string Slug, string Locale, string Status, bool InLatest, bool InPublished);

public sealed record AssetUsage(Guid AssetId, IReadOnlyList<AssetUse> Articles);

/// <summary>An asset in a delivered article: what a page needs to render it without another request.</summary>
public sealed record ArticleAsset(Guid Id, string Url, string ContentType, int? Width, int? Height, string Alt, string? Caption, string? Credit, string? Srcset);
