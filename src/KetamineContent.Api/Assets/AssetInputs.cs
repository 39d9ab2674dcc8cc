using System.ComponentModel;
using System.Globalization;
using FluentValidation;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Mvc;

namespace KetamineContent.Api.Assets;

/// <summary>Query parameters of GET /v1/manage/assets.</summary>
public sealed record AssetListQuery
{
    [Description("image or document (PDF).")]
    [FromQuery(Name = "type")]
    public string? Type { get; init; }

    [Description("true: only assets no article's latest or published revision uses.")]
    [FromQuery(Name = "unused")]
    public bool? Unused { get; init; }

    [Description("true: only images without alt text (those marked decorative), to review that choice.")]
    [FromQuery(Name = "missingAlt")]
    public bool? MissingAlt { get; init; }

    [Description("Words searched in filename, alt text and caption.")]
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    [Description("Page size, 1 to 100. Default 20.")]
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    [Description("The nextCursor of the previous page, passed back unchanged.")]
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}

public sealed class AssetListQueryValidator : AbstractValidator<AssetListQuery>
{
    public AssetListQueryValidator()
    {
        RuleFor(q => q.Type).Must(t => t is null or "image" or "document").WithMessage("'type' must be image or document.");
        RuleFor(q => q.Limit).InclusiveBetween(1, 100).WithMessage("'limit' must be between 1 and 100.");
        RuleFor(q => q.Q).MaximumLength(200).CleanText().WithMessage("'q' must be at most 200 characters of text.");
        RuleFor(q => q.Cursor).Must(c => ListCursor.TryDecode(c, out var cursor) && cursor!.Sort == "assets"
                                         && DateTime.TryParse(cursor.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
            .When(q => q.Cursor is not null).WithMessage("'cursor' is not a cursor this list handed out; start again without it.");
    }
}

/// <summary>The metadata rules, the same for an upload's form fields and for PUT.</summary>
public sealed class AssetMetadataInputValidator : AbstractValidator<AssetMetadataInput>
{
    public AssetMetadataInputValidator()
    {
        RuleFor(m => m.Alt).MaximumLength(1000).CleanText();
        RuleFor(m => m.Caption).MaximumLength(2000).CleanText();
        RuleFor(m => m.Credit).MaximumLength(500).CleanText();
        RuleFor(m => m.License).MaximumLength(500).CleanText();
        RuleFor(m => m.FocalX).InclusiveBetween(0, 1).WithMessage("'focalX' must be between 0 and 1 (from the left edge).");
        RuleFor(m => m.FocalY).InclusiveBetween(0, 1).WithMessage("'focalY' must be between 0 and 1 (from the top edge).");
    }

    /// <summary>An image needs alt text unless it is marked decorative; null when the input is fine for this kind of asset.</summary>
    public static Dictionary<string, string[]>? AltRule(bool isImage, AssetMetadataInput input) =>
        isImage && !input.Decorative && string.IsNullOrWhiteSpace(input.Alt)
            ? new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["alt"] = ["An image needs 'alt' text describing it for readers who cannot see it, or 'decorative' set to true when it carries no information."],
            }
            : null;
}

/// <summary>The text fields of an upload form, read into the same input PUT takes.</summary>
public static class UploadForm
{
    public static (AssetMetadataInput? Input, Dictionary<string, string[]>? Errors) Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var decorative = false;
        if (Text(form, "decorative") is { } d && !bool.TryParse(d, out decorative))
        {
            errors["decorative"] = ["'decorative' must be true or false."];
        }

        var focalX = Number(form, "focalX", errors);
        var focalY = Number(form, "focalY", errors);
        return errors.Count > 0
            ? (null, errors)
            : (new AssetMetadataInput(Text(form, "alt")?.Trim(), decorative, Text(form, "caption"), Text(form, "credit"), Text(form, "license"), focalX, focalY), null);
    }

    private static string? Text(IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null;

    private static double? Number(IFormCollection form, string name, Dictionary<string, string[]> errors)
    {
        if (Text(form, name) is not { } text)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        errors[name] = [$"'{name}' must be a number between 0 and 1."];
        return null;
    }

    /// <summary>A safe file name: the client's base name in letters, digits, dot, dash and underscore, with the extension of the detected type.</summary>
    public static string FileName(string? clientName, string extension)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFileName((clientName ?? "").Replace('\\', '/')));
        var safe = new string(name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '-').ToArray()).Trim('-', '_');
        while (safe.Contains("--", StringComparison.Ordinal))
        {
            safe = safe.Replace("--", "-", StringComparison.Ordinal);
        }

        safe = safe.Length == 0 ? "asset" : safe[..Math.Min(safe.Length, 100)];
        return safe + "." + extension;
    }
}
