using System.Text.RegularExpressions;

namespace KetamineContent.Api.Delivery;

/// <summary>The shapes of identifiers in URLs, the same rules the schema enforces.</summary>
public static partial class DeliveryRules
{
    public static bool IsSlug(string? value) => value is { Length: > 0 and <= 120 } && Slug().IsMatch(value);

    public static bool IsLocale(string? value) => value is not null && Locale().IsMatch(value);

    public const string InstantMessage = "'asOf' must be an RFC 3339 date-time such as 2026-11-01T09:00:00Z.";

    /// <summary>?asOf=: an RFC 3339 instant between the years 2000 and 2200.</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out instant)
        && instant.Year is >= 2000 and <= 2200;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[a-z]{2}(-[A-Z]{2})?$")]
    private static partial Regex Locale();
}
