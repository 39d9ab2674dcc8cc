namespace KetamineContent.Api.EditorialConsole;

public sealed class ReleaseForm
{
    public string? Title { get; set; }
    public string? Notes { get; set; }
}

/// <summary>An article to add to a release: its slug (and locale) or its id, and a revision (empty: its latest).</summary>
public sealed class ReleaseItemForm
{
    public string? ETag { get; set; }
    public string? Article { get; set; }
    public string? Locale { get; set; } = "en";
    /// <summary>As typed (a form field): empty for the latest, else a revision number; anything else is refused, never guessed.</summary>
    public string? Revision { get; set; }
}

/// <summary>Remove an item, publish (now or at a UTC time) or revert, with the release's ETag it was rendered with.</summary>
public sealed class ReleaseActionForm
{
    public string? ETag { get; set; }
    /// <summary>As sent (the Remove button's value); not an id: refused with a message.</summary>
    public string? ArticleId { get; set; }
    public string? At { get; set; }
}
