namespace KetamineContent.Api.EditorialConsole.Bulk;

/// <summary>
/// The article list's one bulk form: a row per listed article (its id and the ETag it was listed with, checked or
/// not) and the action with its fields. Every field is as posted; the actions check each before using it.
/// </summary>
public sealed class BulkForm
{
    public List<BulkRow> Rows { get; set; } = [];

    /// <summary>release, task or tags.</summary>
    public string? Action { get; set; }

    public string? Release { get; set; }

    public string? TaskTitle { get; set; }

    public string? TaskAssignee { get; set; }

    public string? TaskDue { get; set; }

    /// <summary>Tags to add and to remove, separated by commas or spaces.</summary>
    public string? AddTags { get; set; }

    public string? RemoveTags { get; set; }
}

public sealed class BulkRow
{
    public Guid Id { get; set; }

    /// <summary>The ETag (latest revision) the article had when the list showed it: the If-Match of its action.</summary>
    public string? ETag { get; set; }

    public bool Selected { get; set; }
}

/// <summary>What one article's part of a bulk action came to (its problem when refused).</summary>
public sealed record BulkOutcome(Guid ArticleId, string Title, CommandOutcome Outcome, string Done);
