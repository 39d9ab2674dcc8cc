using System.Globalization;
using KetamineContent.Api.Assets;

namespace KetamineContent.Api.EditorialConsole;

/// <summary>An asset's metadata as the media screen posts it, with the ETag it was rendered with (sent as If-Match).</summary>
public sealed class MediaForm
{
    public string? ETag { get; set; }
    public string? Alt { get; set; }
    public bool Decorative { get; set; }
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    public string? License { get; set; }
    public string? FocalX { get; set; }
    public string? FocalY { get; set; }

    public static MediaForm From(AssetRow row) => new()
    {
        ETag = row.ManageETag,
        Alt = row.Alt,
        Decorative = row.Decorative,
        Caption = row.Caption,
        Credit = row.Credit,
        License = row.License,
        FocalX = row.FocalX.ToString("0.###", CultureInfo.InvariantCulture),
        FocalY = row.FocalY.ToString("0.###", CultureInfo.InvariantCulture),
    };

    /// <summary>The PUT body; a focal value that is not a number stays out and is reported by <see cref="Unreadable"/>.</summary>
    public AssetMetadataInput ToInput() =>
        new(Alt?.Trim(), Decorative, Empty(Caption), Empty(Credit), Empty(License), Number(FocalX), Number(FocalY));

    /// <summary>The focal fields that are not numbers, with the message the upload form's reader gives.</summary>
    public Dictionary<string, string[]> Unreadable()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, text) in new[] { ("focalX", FocalX), ("focalY", FocalY) })
        {
            if (!string.IsNullOrWhiteSpace(text) && Number(text) is null)
            {
                errors[name] = [$"'{name}' must be a number between 0 and 1."];
            }
        }

        return errors;
    }

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
