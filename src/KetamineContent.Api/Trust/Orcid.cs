using System.Text.RegularExpressions;

namespace KetamineContent.Api.Trust;

/// <summary>ORCID iD syntax: four groups of four, the last character an ISO 7064 MOD 11-2 check digit (0-9 or X).</summary>
public static partial class Orcid
{
    public static bool IsValid(string? value)
    {
        if (value is null || !Shape().IsMatch(value))
        {
            return false;
        }

        var digits = value.Replace("-", "", StringComparison.Ordinal);
        var total = 0;
        foreach (var ch in digits[..15])
        {
            total = (total + (ch - '0')) * 2;
        }

        var result = (12 - (total % 11)) % 11;
        return digits[15] == (result == 10 ? 'X' : (char)('0' + result));
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
