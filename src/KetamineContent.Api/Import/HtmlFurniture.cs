using AngleSharp.Dom;

namespace KetamineContent.Api.Import;

/// <summary>The elements of a saved page that are furniture by their shape and position, and why.</summary>
internal static partial class HtmlFurniture
{
    private static readonly HashSet<string> Furnishing = new(StringComparer.Ordinal) { "nav", "form", "dialog", "iframe", "button", "noscript" };

    /// <summary>
    /// Page furniture by shape and position, never by class or id names: a dialog (role dialog or alertdialog,
    /// aria-modal), an element fixed or sticky on the screen (a cookie or newsletter banner), a page header or footer
    /// outside the article; navigation, forms, buttons, frames and &lt;noscript&gt; anywhere.
    /// </summary>
    public static bool Is(IElement e) =>
        Furnishing.Contains(e.LocalName)
        || e.GetAttribute("role") is "dialog" or "alertdialog" or "banner" or "contentinfo" or "navigation"
        || string.Equals(e.GetAttribute("aria-modal"), "true", StringComparison.OrdinalIgnoreCase)
        || e.LocalName is "header" or "footer" && e.Closest("main, article") is null
        || FixedOnScreen().IsMatch(e.GetAttribute("style") ?? "");

    /// <summary>Why an element was dropped as furniture (an element outside the content container that is none of these: its position).</summary>
    public static string Why(IElement e) =>
        e.LocalName switch
        {
            "nav" => "navigation",
            "form" => "form",
            "dialog" => "dialog",
            "iframe" => "frame",
            "button" => "button",
            "noscript" => "noscript (shown only without scripts)",
            _ when e.GetAttribute("role") is "dialog" or "alertdialog" || string.Equals(e.GetAttribute("aria-modal"), "true", StringComparison.OrdinalIgnoreCase) => "dialog",
            _ when e.GetAttribute("role") == "navigation" => "navigation",
            _ when e.LocalName == "header" || e.GetAttribute("role") == "banner" => "page header",
            _ when e.LocalName == "footer" || e.GetAttribute("role") == "contentinfo" => "page footer",
            _ when FixedOnScreen().IsMatch(e.GetAttribute("style") ?? "") => "fixed or sticky on the screen (a banner)",
            _ => "outside the page's main content",
        };

    [System.Text.RegularExpressions.GeneratedRegex(@"position\s*:\s*(fixed|sticky)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex FixedOnScreen();
}
