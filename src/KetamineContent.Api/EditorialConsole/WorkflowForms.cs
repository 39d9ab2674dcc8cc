namespace KetamineContent.Api.EditorialConsole;

/// <summary>A new task as the review screen posts it: scope "revision" (the latest) or "article" (any revision).</summary>
public sealed class TaskForm
{
    public string? Title { get; set; }
    public string? Assignee { get; set; }
    public string? Due { get; set; }
    public string? Scope { get; set; }
}
