using System.Globalization;

namespace KetamineContent.Api.Assets;

/// <summary>An asset row as Dapper reads it.</summary>
public class AssetRow
{
    public Guid Id { get; init; }
    public string Filename { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long Bytes { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public string Alt { get; init; } = "";
    public bool Decorative { get; init; }
    public string? Caption { get; init; }
    public string? Credit { get; init; }
    public string? License { get; init; }
    public double FocalX { get; init; }
    public double FocalY { get; init; }
    public byte[] Sha256 { get; init; } = [];
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public bool IsRaster => ContentType.StartsWith("image/", StringComparison.Ordinal) && ContentType != MediaSniffer.Svg;

    public string Sha256Hex => Convert.ToHexStringLower(Sha256);

    /// <summary>The public address of the original (renditions add w, h, fit, fm, q).</summary>
    public string Url => $"/v1/assets/{Id}/{Uri.EscapeDataString(Filename)}";

    public string ETag => "\"" + Sha256Hex + "\"";

    public string ManageETag => "\"" + Version.ToString(CultureInfo.InvariantCulture) + "\"";

    public AssetView ToView() => new(Id, Filename, ContentType, Bytes, Width, Height, Alt, Decorative, Caption, Credit, License,
        new FocalPoint(FocalX, FocalY), Sha256Hex, Url, Version, Delivery.DeliveryMapping.Utc(CreatedAt), Delivery.DeliveryMapping.Utc(UpdatedAt));
}

/// <summary>The asset, whether a published revision uses it, and whether a revision a previewer may open uses it.</summary>
public sealed class AssetPublicRow : AssetRow
{
    public bool Public { get; init; }

    public bool Previewable { get; init; }
}

public sealed class AssetUseRow
{
    public Guid ArticleId { get; init; }
    public string Slug { get; init; } = "";
    public string Locale { get; init; } = "";
    public string Status { get; init; } = "";
    public bool InLatest { get; init; }
    public bool InPublished { get; init; }
}
