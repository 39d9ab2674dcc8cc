using System.Text.RegularExpressions;

namespace KetamineContent.Api.Import;

/// <summary>
/// Page furniture: only short standalone lines of narrow shapes (a street address, a phone or fax line, copyright,
/// "follow us", share buttons, a cookie notice). Anything else, including numbers inside sentences, dose and year
/// ranges and a crisis line in a sentence, is content.
/// </summary>
public static partial class Furniture
{
    public static bool Is(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var l = line.Trim();
        var words = l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (l.Length == 0 || l.Length > 160 || words > 25)
        {
            return false;
        }

        return Copyright().IsMatch(l) || (words <= 12 && (FollowUs().IsMatch(l) || Share().IsMatch(l) || Address().IsMatch(l)))
               || PhoneLine().IsMatch(l) || BareNumber().IsMatch(l) && Digits(l) >= 9 || Cookie().IsMatch(l);
    }

    private static int Digits(string l) => l.Count(char.IsAsciiDigit);

    [GeneratedRegex(@"^(©|\(c\)\s*\d{4}|copyright\b)|all rights reserved", RegexOptions.IgnoreCase)]
    private static partial Regex Copyright();

    [GeneratedRegex(@"^(follow us|find us on|connect with us)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FollowUs();

    [GeneratedRegex(@"^(share( this( article| page| post)?)?( on [\w ]+)?:?|share:.*|(facebook|twitter|x|linkedin|email|e-mail|whatsapp|pinterest|print)(\s*[|·•,]?\s*(facebook|twitter|x|linkedin|email|e-mail|whatsapp|pinterest|print))+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Share();

    /// <summary>A line that starts with a house number and has a street word: "123 Main Street, Springfield".</summary>
    [GeneratedRegex(@"^\d{1,5}[a-z]?\s+([A-Z][\w.'-]*\s+){1,4}(street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|place|pl|court|ct|square|sq|suite|parkway|pkwy)\b\.?(,.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Address();

    /// <summary>"Phone: +1 555 010 0199", "Tel. 555-0100 | Fax 555-0101", "Call us on 555 010 0199".</summary>
    [GeneratedRegex(@"^(phone|telephone|tel|fax|call us|call|contact us)\b[^a-z]{0,4}(on|at)?\s*\+?[\d\s().\-/]{7,}\d(\s*(\||·|,|;)?\s*(fax|phone|tel|e-?mail)\b.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneLine();

    /// <summary>A line that is nothing but a phone number (nine digits or more, so year and dose ranges are not).</summary>
    [GeneratedRegex(@"^\+?[\d\s().\-]{9,}$")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"\bcookies?\b.*\b(we use|this (web)?site|our (web)?site|accept|consent|privacy|preferences|settings|policy)\b|\b(we use|this (web)?site uses)\b.*\bcookies?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Cookie();
}
