using System.Globalization;

namespace KetamineContent.Api.Delivery;

/// <summary>
/// RFC 4647 lookup: the locales to try, best first. Each preferred tag (by q-value, q=0 excluded, in header order on
/// ties) is tried as sent and then with its subtags cut from the end (de-CH, then de); en comes last as the default.
/// </summary>
public static class LanguageNegotiation
{
    public const string Default = "en";

    /// <summary>From ?locale= when given (already checked), else from Accept-Language.</summary>
    public static string[] Candidates(string? locale, string? acceptLanguage)
    {
        var tags = locale is not null ? [locale] : Preferred(acceptLanguage);
        var candidates = new List<string>();
        foreach (var tag in tags)
        {
            var parts = tag.Split('-');
            for (var n = parts.Length; n >= 1; n--)
            {
                var candidate = Normalize(parts[..n]);
                if (candidate is not null && !candidates.Contains(candidate))
                {
                    candidates.Add(candidate);
                }
            }
        }

        if (!candidates.Contains(Default))
        {
            candidates.Add(Default);
        }

        return [.. candidates];
    }

    private static IEnumerable<string> Preferred(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return [];
        }

        return header.Split(',').Select((item, index) =>
            {
                var fields = item.Split(';');
                var q = 1.0;
                foreach (var parameter in fields.Skip(1))
                {
                    var p = parameter.Trim();
                    if (p.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                        && !double.TryParse(p[2..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out q))
                    {
                        q = 0;
                    }
                }

                return (Tag: fields[0].Trim(), Q: q, Index: index);
            })
            .Where(t => t.Q > 0 && t.Tag.Length is > 0 and <= 35 && t.Tag != "*")
            .OrderByDescending(t => t.Q).ThenBy(t => t.Index)
            .Take(10)
            .Select(t => t.Tag);
    }

    /// <summary>A language with an optional region, as our locales are written (de, de-CH); null for any other shape.</summary>
    private static string? Normalize(string[] parts) => parts switch
    {
        [var language] when language.Length == 2 && language.All(char.IsAsciiLetter) => language.ToLowerInvariant(),
        [var language, var region] when language.Length == 2 && language.All(char.IsAsciiLetter) && region.Length == 2 && region.All(char.IsAsciiLetter)
            => language.ToLowerInvariant() + "-" + region.ToUpperInvariant(),
        _ => null,
    };
}
