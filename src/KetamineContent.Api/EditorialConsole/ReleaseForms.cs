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
    public int? Revision { get; set; }
}

/// <summary>Remove an item, publish (now or at a UTC time) or revert, with the release's ETag it was rendered with.</summary>
public sealed class ReleaseActionForm
{
    public string? ETag { get; set; }
    public Guid? ArticleId { get; set; }
    public string? At { get; set; }
}
