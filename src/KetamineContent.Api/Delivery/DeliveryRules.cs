using System.Text.RegularExpressions;

namespace KetamineContent.Api.Delivery;

/// <summary>The shapes of identifiers in URLs, the same rules the schema enforces.</summary>
public static partial class DeliveryRules
{
    public static bool IsSlug(string? value) => value is { Length: > 0 and <= 120 } && Slug().IsMatch(value);

    public static bool IsLocale(string? value) => value is not null && Locale().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[a-z]{2}(-[A-Z]{2})?$")]
    private static partial Regex Locale();
}
